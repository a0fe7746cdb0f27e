using System.Globalization;
using TokenClock.Analysis.Fits;
using TokenClock.Analysis.Statistics;

namespace TokenClock.Analysis.Crossover;

/// <summary>
/// Compares two fitted latency lines. The replicates of both fits (independent bootstraps) are paired to get
/// a bootstrap distribution of n* and of the difference at the range ends; a difference counts only when
/// its 95% CI excludes zero (metrics.md).
/// </summary>
internal static class CrossoverAnalyzer
{
    public static CrossoverResult Analyze(string nameA, LinearFit a, string nameB, LinearFit b)
    {
        if (a.Predictor != b.Predictor)
            throw new ArgumentException($"fits use different predictors ({a.Predictor} vs {b.Predictor}); compare like with like");
        var lo = Math.Max(a.RangeMin, b.RangeMin);
        var hi = Math.Min(a.RangeMax, b.RangeMax);
        if (lo >= hi)
        {
            // No overlap: the lines are compared over the union, which is an extrapolation for one of them.
            lo = Math.Min(a.RangeMin, b.RangeMin);
            hi = Math.Max(a.RangeMax, b.RangeMax);
        }
        var count = Math.Min(a.Replicates.Count, b.Replicates.Count);
        var stars = new double[count];
        var dLo = new double[count];
        var dHi = new double[count];
        for (var i = 0; i < count; i++)
        {
            var (aa, ba) = a.Replicates[i];
            var (ab, bb) = b.Replicates[i];
            stars[i] = ba != bb ? (ab - aa) / (ba - bb) : double.NaN;
            dLo[i] = aa + ba * lo - (ab + bb * lo);
            dHi[i] = aa + ba * hi - (ab + bb * hi);
        }
        double? point = a.Slope != b.Slope ? (b.EffectiveIntercept - a.EffectiveIntercept) / (a.Slope - b.Slope) : null;
        var (sl, su, _) = Bootstrap.Interval(stars);
        var (lol, lou, _) = Bootstrap.Interval(dLo);
        var (hil, hiu, _) = Bootstrap.Interval(dHi);
        var diffLo = a.Predict(lo) - b.Predict(lo);
        var diffHi = a.Predict(hi) - b.Predict(hi);
        var sigLo = lol > 0 || lou < 0;
        var sigHi = hil > 0 || hiu < 0;
        var outcome = (sigLo, sigHi) switch
        {
            (true, true) when Math.Sign(diffLo) != Math.Sign(diffHi) => CrossoverOutcome.Crossover,
            (true, true) => CrossoverOutcome.NoCrossoverInRange,
            (false, false) => CrossoverOutcome.NoSignificantDifference,
            _ => CrossoverOutcome.SignificantAtOneEnd,
        };
        string? fasterShort = sigLo ? (diffLo < 0 ? nameA : nameB) : null;
        var result = new CrossoverResult
        {
            SeriesA = nameA,
            SeriesB = nameB,
            Predictor = a.Predictor,
            Outcome = outcome,
            Point = point,
            Lower = double.IsNaN(sl) ? null : sl,
            Upper = double.IsNaN(su) ? null : su,
            RangeLow = lo,
            RangeHigh = hi,
            DiffAtLow = diffLo,
            DiffAtLowLower = lol,
            DiffAtLowUpper = lou,
            DiffAtHigh = diffHi,
            DiffAtHighLower = hil,
            DiffAtHighUpper = hiu,
            FasterAtShort = fasterShort,
            Conclusion = "",
        };
        return result with { Conclusion = Describe(result) };
    }

    /// <summary>The sentence a reader takes away, with invariant-culture numbers.</summary>
    public static string Describe(CrossoverResult r)
    {
        var unit = r.Predictor == "output_chars" ? "characters" : "tokens";
        var range = $"{N(r.RangeLow)}–{N(r.RangeHigh)} {unit}";
        var a = r.SeriesA;
        var b = r.SeriesB;
        switch (r.Outcome)
        {
            case CrossoverOutcome.Crossover:
            {
                var shortWinner = r.DiffAtLow < 0 ? a : b;
                var longWinner = shortWinner == a ? b : a;
                var ci = r.Lower is { } l && r.Upper is { } u ? $" (95% CI {N(l)}–{N(u)})" : "";
                return $"{shortWinner} is faster than {longWinner} below {N(r.Point ?? double.NaN)} {unit}{ci}; above it {longWinner} wins.";
            }
            case CrossoverOutcome.NoCrossoverInRange:
            {
                var winner = r.DiffAtLow < 0 ? a : b;
                var loser = winner == a ? b : a;
                return $"No crossover in the measured range ({range}): {winner} is faster than {loser} throughout "
                     + $"(by {Ms(Math.Abs(r.DiffAtLow))} at {N(r.RangeLow)} and {Ms(Math.Abs(r.DiffAtHigh))} at {N(r.RangeHigh)} {unit}).";
            }
            case CrossoverOutcome.SignificantAtOneEnd:
            {
                var shortSig = r.DiffAtLowLower > 0 || r.DiffAtLowUpper < 0;
                var diff = shortSig ? r.DiffAtLow : r.DiffAtHigh;
                var winner = diff < 0 ? a : b;
                var loser = winner == a ? b : a;
                var where = shortSig ? $"short outputs (≈{N(r.RangeLow)} {unit})" : $"long outputs (≈{N(r.RangeHigh)} {unit})";
                var other = shortSig ? "long" : "short";
                return $"{winner} is faster than {loser} for {where} by {Ms(Math.Abs(diff))}; for {other} outputs the difference is not significant (range {range}).";
            }
            default:
                return $"No significant difference between {a} and {b} in the measured range ({range}).";
        }
    }

    private static string N(double v) => double.IsFinite(v) ? Math.Round(v).ToString("#,0", CultureInfo.InvariantCulture) : "n/a";

    private static string Ms(double v) => v.ToString(v >= 100 ? "#,0" : "0.0", CultureInfo.InvariantCulture) + " ms";
}
