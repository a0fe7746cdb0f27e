using System.Globalization;
using Spectre.Console;
using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Statistics;
using TokenClock.Core.Backends;

namespace TokenClock.Reporting.Exporters;

/// <summary>The human summary after <c>run</c>: one row per series (TTFT/TPOT/E2E percentiles, decode tok/s,
/// throughput, errors), read from the same analysis that <c>run --json</c> and <c>report</c> write.</summary>
public static class RunSummaryRenderer
{
    /// <summary>Writes the table and a footnote naming <paramref name="dbPath"/>, where the run is stored.</summary>
    /// <param name="console">Where the table goes.</param>
    /// <param name="runId">The stored run's id, shown in the title.</param>
    /// <param name="status">The run's stored status (e.g. "completed", "cancelled"), shown in the title.</param>
    /// <param name="analysis">The run's analysis; one row per series.</param>
    /// <param name="dbPath">The results database the run was written to.</param>
    public static void Write(IAnsiConsole console, long runId, string status, AnalysisReport analysis, string dbPath)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(analysis);
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"run {runId.ToString(CultureInfo.InvariantCulture)} ({Markup.Escape(status)})");
        table.AddColumn("series");
        table.AddColumn(new TableColumn("n").RightAligned());
        table.AddColumn(new TableColumn("errors").RightAligned());
        table.AddColumn(new TableColumn("TTFT ms\np50 / p90 / p99").RightAligned());
        table.AddColumn(new TableColumn("TPOT ms\np50 / p90 / p99").RightAligned());
        table.AddColumn(new TableColumn("E2E ms\np50 / p90 / p99").RightAligned());
        table.AddColumn(new TableColumn("decode tok/s\np50").RightAligned());
        table.AddColumn(new TableColumn("req/s").RightAligned());
        table.AddColumn(new TableColumn("queue ms\np99").RightAligned());
        foreach (var s in analysis.Series)
        {
            table.AddRow(
                Markup.Escape(s.Name),
                s.Total.ToString(CultureInfo.InvariantCulture),
                s.Failed == 0 ? "0" : $"[red]{s.Failed.ToString(CultureInfo.InvariantCulture)}[/]",
                Triple(s, MetricCatalog.Ttft), Triple(s, MetricCatalog.Tpot), Triple(s, MetricCatalog.E2e),
                Number(s.Metric(MetricCatalog.DecodeTps.Name)?.Summary?.Median.Value, "0.0"),
                Number(s.DurationSeconds > 0 ? s.RequestsPerSecond : null, "0.00"),
                Number(s.Metric(MetricCatalog.QueueDelay.Name)?.Summary?.Percentile(99).Value, "0.00"));
        }
        console.Write(table);
        foreach (var s in analysis.Series.Where(s => s.Failed > 0))
        {
            var parts = ErrorClassNames.All.Where(e => s.ErrorsByClass.GetValueOrDefault(e) > 0)
                .Select(e => $"{ErrorClassNames.Of(e)} {s.ErrorsByClass[e].ToString(CultureInfo.InvariantCulture)}");
            console.MarkupLine($"[red]{Markup.Escape(s.Name)}[/]: {Markup.Escape(string.Join(", ", parts))} (excluded from latency percentiles)");
        }
        console.MarkupLine($"[grey]TPOT and decode tok/s exclude TTFT; warm-up requests are stored but not counted. Stored in {Markup.Escape(dbPath)}[/]");
    }

    private static string Triple(SeriesAnalysis s, MetricDefinition metric)
    {
        if (s.Metric(metric.Name)?.Summary is not { } x) return "-";
        return $"{Number(x.Median.Value, "0.0")} / {Number(x.Percentile(90).Value, "0.0")} / {Number(x.Percentile(99).Value, "0.0")}";
    }

    private static string Number(double? value, string format) => value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
