using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Settings;
using TokenClock.Analysis.Statistics;
using TokenClock.Storage;

namespace TokenClock.Cli.Commands.Report;

public sealed class CompareSettings : ResultsSettings
{
    [CommandArgument(0, "<RUN_A>")]
    [Description("Baseline run: an id, latest or latest~N (N runs before the latest).")]
    public string RunA { get; init; } = "";

    [CommandArgument(1, "<RUN_B>")]
    [Description("Candidate run (id, latest or latest~N; more may follow; each is compared with RUN_A).")]
    public string[] Others { get; init; } = [];

    [CommandOption("--fail-if-slower <PCT>")]
    [Description("Exit 1 when a candidate is significantly slower than the baseline by more than PCT (e.g. 10%).")]
    public string? FailIfSlower { get; init; }

    [CommandOption("--metric <METRIC>")]
    [Description("Metric(s) to compare: ttft, tpot, itl, e2e (repeat or comma-separate; default all four).")]
    public string[] Metrics { get; init; } = [];

    [CommandOption("--slo <LIST>")]
    [Description("Also judge each candidate run against SLOs (e.g. ttft_p99<=1s,tpot<=50ms); exit 3 when one fails (docs/slo.md).")]
    public string? Slo { get; init; }

    public static readonly string[] MetricNames = ["ttft", "tpot", "itl", "e2e"];

    public IReadOnlyList<MetricDefinition> ResolveMetrics()
    {
        var names = Metrics.SelectMany(m => m.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        if (names.Length == 0) return Analysis.Comparison.RunComparer.DefaultMetrics;
        return names.Select(n => MetricNames.Contains(n, StringComparer.OrdinalIgnoreCase) ? MetricCatalog.FindByShortName(n)! : throw new Infrastructure.UsageException(
            $"--metric '{n}' is not valid; use one of: {string.Join(", ", MetricNames)}")).Distinct().ToArray();
    }

    /// <summary>"10%", "10" or "2.5%" → 0.10 / 0.025.</summary>
    public double? ResolveThreshold()
    {
        if (FailIfSlower is null) return null;
        var text = FailIfSlower.Trim().TrimEnd('%');
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var pct) || pct < 0 || pct > 1000)
            throw new Infrastructure.UsageException($"--fail-if-slower '{FailIfSlower}' is not a percentage; write e.g. 10% (0 to 1000)");
        return pct / 100.0;
    }

    public override ValidationResult Validate()
    {
        if (base.Validate() is { Successful: false } db) return db;
        try
        {
            ResolveMetrics();
            ResolveThreshold();
            Capacity.SloOutput.Parse(Slo);
        }
        catch (Infrastructure.UsageException ex)
        {
            return ValidationResult.Error(ex.Message);
        }
        return ValidationResult.Success();
    }
}
