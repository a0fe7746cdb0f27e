using System.Globalization;
using Spectre.Console;
using TokenClock.Analysis.Summary;

namespace TokenClock.Cli.Commands.Run;

/// <summary>The human summary: one row per backend (TTFT/TPOT/E2E percentiles, decode tok/s, throughput, errors).</summary>
internal static class SummaryTable
{
    public static void Write(IAnsiConsole console, long runId, string status, RunSummary summary, string dbPath)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"run {runId.ToString(CultureInfo.InvariantCulture)} ({Markup.Escape(status)})");
        table.AddColumn("backend");
        table.AddColumn(new TableColumn("n").RightAligned());
        table.AddColumn(new TableColumn("errors").RightAligned());
        table.AddColumn(new TableColumn("TTFT ms\np50 / p90 / p99").RightAligned());
        table.AddColumn(new TableColumn("TPOT ms\np50 / p90 / p99").RightAligned());
        table.AddColumn(new TableColumn("E2E ms\np50 / p90 / p99").RightAligned());
        table.AddColumn(new TableColumn("decode tok/s\np50").RightAligned());
        table.AddColumn(new TableColumn("req/s").RightAligned());
        table.AddColumn(new TableColumn("queue ms\np99").RightAligned());
        foreach (var b in summary.Backends)
        {
            table.AddRow(
                Markup.Escape(b.Backend),
                b.Requests.ToString(CultureInfo.InvariantCulture),
                b.ErrorCount == 0 ? "0" : $"[red]{b.ErrorCount.ToString(CultureInfo.InvariantCulture)}[/]",
                Triple(b.TtftMs), Triple(b.TpotMs), Triple(b.E2eMs),
                Number(b.DecodeTps.P50, "0.0"),
                Number(b.ThroughputRps, "0.00"),
                Number(b.QueueDelayMs.P99, "0.00"));
        }
        console.Write(table);
        foreach (var b in summary.Backends.Where(b => b.ErrorCount > 0))
        {
            var parts = b.Errors.Where(e => e.Value > 0).Select(e => $"{e.Key} {e.Value.ToString(CultureInfo.InvariantCulture)}");
            console.MarkupLine($"[red]{Markup.Escape(b.Backend)}[/]: {Markup.Escape(string.Join(", ", parts))} (excluded from latency percentiles)");
        }
        console.MarkupLine($"[grey]TPOT and decode tok/s exclude TTFT; warm-up requests are stored but not counted. Stored in {Markup.Escape(dbPath)}[/]");
    }

    private static string Triple(Distribution d) => d.N == 0 ? "-" : $"{Number(d.P50, "0.0")} / {Number(d.P90, "0.0")} / {Number(d.P99, "0.0")}";

    private static string Number(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
