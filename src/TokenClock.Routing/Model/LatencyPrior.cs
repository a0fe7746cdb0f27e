using System.Globalization;
using TokenClock.Core.Results;

namespace TokenClock.Routing.Model;

/// <summary>
/// What a backend is believed to do before live traffic says otherwise: <c>e2e ≈ TtftMs + MsPerOutputToken · out</c>
/// (+ <c>MsPerInputToken · in</c>), worth <see cref="Weight"/> observations. Seed it from a stored run
/// (<see cref="FromRecords"/>) or from a <c>tokenclock predict</c> result.
/// </summary>
public sealed record LatencyPrior(double TtftMs, double MsPerOutputToken, double MsPerInputToken = 0, double Weight = 20)
{
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!double.IsFinite(TtftMs) || TtftMs < 0) errors.Add($"prior TTFT '{Format(TtftMs)}' ms must be a finite number >= 0");
        if (!double.IsFinite(MsPerOutputToken) || MsPerOutputToken < 0) errors.Add($"prior ms per output token '{Format(MsPerOutputToken)}' must be a finite number >= 0");
        if (!double.IsFinite(MsPerInputToken) || MsPerInputToken < 0) errors.Add($"prior ms per input token '{Format(MsPerInputToken)}' must be a finite number >= 0");
        if (!double.IsFinite(Weight) || Weight <= 0) errors.Add($"prior weight '{Format(Weight)}' must be > 0 (observations it is worth)");
        return errors;
    }

    /// <summary>
    /// Least-squares fit of e2e on output tokens over a stored run's successful measured requests (at least 3 with
    /// distinct lengths, else the slope comes from TPOT). Weight = number of records used, capped at 50.
    /// </summary>
    public static LatencyPrior FromRecords(IEnumerable<RequestRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var ok = records.Where(r => r.Succeeded && r.Phase == RequestPhase.Measured && r.TtftMs() is not null && r.E2eMs() is not null && r.OutputTokens() > 0)
            .Select(r => (Ttft: r.TtftMs()!.Value, E2e: r.E2eMs()!.Value, Out: (double)r.OutputTokens()))
            .ToList();
        if (ok.Count == 0) throw new ArgumentException("The run has no successful measured request with TTFT and E2E; measure the backend first (tokenclock run).", nameof(records));
        var ttft = Median(ok.Select(o => o.Ttft));
        var meanOut = ok.Average(o => o.Out);
        var sxx = ok.Sum(o => (o.Out - meanOut) * (o.Out - meanOut));
        double slope;
        if (ok.Count >= 3 && sxx > 0)
        {
            var meanE2e = ok.Average(o => o.E2e);
            slope = ok.Sum(o => (o.Out - meanOut) * (o.E2e - meanE2e)) / sxx;
        }
        else
        {
            slope = Median(ok.Where(o => o.Out > 1).Select(o => (o.E2e - o.Ttft) / (o.Out - 1)).DefaultIfEmpty(0));
        }
        // A negative per-token time is physically impossible: fall back to the TPOT median rather than store it.
        if (slope < 0) slope = Median(ok.Where(o => o.Out > 1).Select(o => (o.E2e - o.Ttft) / (o.Out - 1)).DefaultIfEmpty(0));
        return new LatencyPrior(ttft, Math.Max(0, slope), 0, Math.Min(50, ok.Count));
    }

    private static double Median(IEnumerable<double> values)
    {
        var a = values.Order().ToArray();
        return a.Length == 0 ? 0 : a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2;
    }

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
