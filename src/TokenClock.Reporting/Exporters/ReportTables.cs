using TokenClock.Core.Backends;
using System.Text.Json;
using TokenClock.Analysis.Crossover;
using TokenClock.Analysis.Fits;
using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Statistics;
using TokenClock.Reporting.Formatting;

namespace TokenClock.Reporting.Exporters;

/// <summary>The report's tables, built once from an <see cref="AnalysisReport"/> (all numbers invariant).</summary>
internal static class ReportTables
{
    public static TextTable Overview(AnalysisReport r) => new("Experiments",
        ["Run", "Series", "Backend", "Model", "Environment", "Settings", "Load", "n (ok/total)", "Status"],
        r.Series.Select(s =>
        {
            var run = r.Runs.First(x => x.Run.Id == s.RunId).Run;
            var env = run.Info.Environment;
            IReadOnlyList<string> row =
            [
                $"{Num.I(run.Id)} {run.Info.Name}", s.Name, s.Backend, s.Model,
                $"{env.CpuModel}, {Num.I(env.Cores)} cores, {Num.F(env.MemoryBytes / (double)(1L << 30), "0.#")} GiB, {env.Os}",
                Settings(run.Info.SpecJson), LoadColumn.Of(r, s), $"{Num.I(s.Succeeded)}/{Num.I(s.Total)}", run.Status.ToString(),
            ];
            return row;
        }).ToArray());

    /// <summary>Per-series metric table: every metric with percentiles and their 95% CIs.</summary>
    public static TextTable SeriesMetrics(SeriesAnalysis s) => new($"{s.Name} (run {Num.I(s.RunId)})",
        ["Metric", "n", "p50 [95% CI]", "p90 [95% CI]", "p95 [95% CI]", "p99 [95% CI]", "min", "max", "mean", "stddev", "failed (excluded)"],
        s.Metrics.Where(m => m.Summary is not null).Select(m =>
        {
            var x = m.Summary!;
            Func<double, string> f = m.Metric.IsLatency ? Num.Ms : v => Num.F(v, "#,0.#");
            IReadOnlyList<string> row =
            [
                $"{m.Name} ({m.Metric.Unit})", Num.I(x.N),
                .. x.Percentiles.Select(p => Num.WithCi(p.Value, p.Lower, p.Upper, f)),
                f(x.Min), f(x.Max), f(x.Mean), f(x.StdDev), Num.I(m.FailedExcluded),
            ];
            return row;
        }).ToArray());

    /// <summary>TTFT and E2E per turn / prefix group (null when the series has no such tags: nothing extra is shown).</summary>
    public static TextTable? Groups(SeriesAnalysis s) => s.Groups.Count == 0 ? null : new(
        $"{s.Name}: by {string.Join(" and ", s.Groups.Select(g => g.Tag == "turn" ? "turn" : "prefix group").Distinct())}",
        ["Group", "n", "TTFT p50 [95% CI]", "TTFT p90", "TTFT p99", "E2E p50 [95% CI]", "E2E p90", "E2E p99"],
        s.Groups.Select(g =>
        {
            IReadOnlyList<string> row =
            [
                g.Label, Num.I(g.Requests),
                g.Ttft is { } t ? Num.WithCi(t.Median.Value, t.Median.Lower, t.Median.Upper) : "—",
                g.Ttft is { } t90 ? Num.Ms(t90.Percentile(90).Value) : "—", g.Ttft is { } t99 ? Num.Ms(t99.Percentile(99).Value) : "—",
                g.E2e is { } e ? Num.WithCi(e.Median.Value, e.Median.Lower, e.Median.Upper) : "—",
                g.E2e is { } e90 ? Num.Ms(e90.Percentile(90).Value) : "—", g.E2e is { } e99 ? Num.Ms(e99.Percentile(99).Value) : "—",
            ];
            return row;
        }).ToArray());

    public static string SeriesFacts(SeriesAnalysis s)
    {
        var errors = s.ErrorsByClass.Count == 0 ? "none"
            : string.Join(", ", s.ErrorsByClass.OrderBy(e => e.Key).Select(e => $"{ErrorClassNames.Of(e.Key)} {Num.I(e.Value)}"));
        return $"{Num.I(s.Succeeded)} of {Num.I(s.Total)} requests succeeded (errors: {errors}); "
             + $"{Num.I(s.WarmupPhaseRequests)} warm-up-phase requests stored, {Num.I(s.WarmupTrimmed)} more trimmed by MSER-5; "
             + $"throughput {Num.F(s.RequestsPerSecond, "0.###")} req/s, {Num.F(s.OutputTokensPerSecond, "#,0.#")} output tok/s over {Num.F(s.DurationSeconds, "0.#")} s.";
    }

    /// <summary>
    /// One model, one number: <c>a</c> is the overhead at the series' mean input length, as the plots' fit lines and
    /// the console draw it (with an input term, the intercept at zero input tokens can be far off, even negative).
    /// </summary>
    public static TextTable Fits(AnalysisReport r) => new("Latency models (e2e ≈ a + b·x + c·(input_tokens − mean input))",
        ["Series", "x", "a: overhead ms at mean input [95% CI]", "b: ms per unit [95% CI]", "c: ms per input token", "residual spread (ms)", "n", "range", "method"],
        r.Series.SelectMany(s => new[] { s.TokenFit, s.CharFit }.OfType<LinearFit>().Select(f =>
        {
            IReadOnlyList<string> row =
            [
                s.Name, f.Predictor,
                f.InputSlope is null ? Num.WithCi(f.Intercept, f.InterceptLower, f.InterceptUpper)
                    : Num.WithCi(f.EffectiveIntercept, f.EffectiveInterceptLower, f.EffectiveInterceptUpper) + $" at {Num.F(f.MeanInput, "#,0")} input tok",
                Num.WithCi(f.Slope, f.SlopeLower, f.SlopeUpper, v => Num.F(v, "0.####")),
                f.InputSlope is { } c ? Num.WithCi(c, f.InputSlopeLower ?? double.NaN, f.InputSlopeUpper ?? double.NaN, v => Num.F(v, "0.####")) : "—",
                Num.Ms(f.ResidualSpread), Num.I(f.N), $"{Num.F(f.RangeMin, "0")}–{Num.F(f.RangeMax, "0")}", f.Method,
            ];
            return row;
        })).ToArray());

    public static TextTable Crossovers(AnalysisReport r) => new("Crossovers",
        ["A", "B", "x", "outcome", "n* [95% CI]", "A − B at low end (ms) [CI]", "A − B at high end (ms) [CI]"],
        r.Crossovers.Select(c =>
        {
            IReadOnlyList<string> row =
            [
                c.SeriesA, c.SeriesB, c.Predictor, Outcome(c.Outcome),
                c.Point is { } p ? Num.WithCi(p, c.Lower ?? double.NaN, c.Upper ?? double.NaN, v => Num.F(v, "#,0")) : "—",
                $"@{Num.F(c.RangeLow, "#,0")}: " + Num.WithCi(c.DiffAtLow, c.DiffAtLowLower, c.DiffAtLowUpper),
                $"@{Num.F(c.RangeHigh, "#,0")}: " + Num.WithCi(c.DiffAtHigh, c.DiffAtHighLower, c.DiffAtHighUpper),
            ];
            return row;
        }).ToArray());

    public static TextTable Findings(AnalysisReport r) => new("Validity",
        ["Severity", "Id", "Series", "Finding"],
        r.Findings.Select(f => (IReadOnlyList<string>)[f.Severity.ToString().ToLowerInvariant(), f.Id, f.Series ?? "(all)", f.Message]).ToArray());

    public static TextTable Environment(AnalysisReport r) => new("Environment",
        ["Run", "Started (UTC)", "OS", "CPU", "Cores", "Memory", "Runtime", "TokenClock", "Probe"],
        r.Runs.Select(d =>
        {
            var e = d.Run.Info.Environment;
            IReadOnlyList<string> row =
            [
                Num.I(d.Run.Id), d.Run.Info.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                e.Os, e.CpuModel, Num.I(e.Cores), Num.F(e.MemoryBytes / (double)(1L << 30), "0.#") + " GiB", e.Runtime, e.ToolVersion,
                string.Join(", ", e.Probe.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Num.F(p.Value, "0.###")}")),
            ];
            return row;
        }).ToArray());

    public static string Outcome(CrossoverOutcome o) => o switch
    {
        CrossoverOutcome.Crossover => "crossover",
        CrossoverOutcome.NoCrossoverInRange => "no crossover in range",
        CrossoverOutcome.SignificantAtOneEnd => "significant at one end",
        _ => "no significant difference",
    };

    /// <summary>Top-level scalar settings of the spec, "key=value" (JSON number text is already invariant).</summary>
    public static string Settings(string specJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(specJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return "";
            var parts = doc.RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                .Select(p => $"{p.Name}={(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}");
            var text = string.Join(", ", parts);
            return text.Length > 160 ? text[..157] + "..." : text;
        }
        catch (JsonException)
        {
            return "";
        }
    }

    /// <summary>Headline metrics for the console (p50 with CI, p99); the files carry every metric.</summary>
    public static readonly IReadOnlyList<MetricDefinition> Headline =
        [MetricCatalog.Ttft, MetricCatalog.Tpot, MetricCatalog.E2e];
}
