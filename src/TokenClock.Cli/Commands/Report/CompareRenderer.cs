using System.Globalization;
using Spectre.Console;
using TokenClock.Analysis.Comparison;
using TokenClock.Reporting.Formatting;

namespace TokenClock.Cli.Commands.Report;

/// <summary>Human-readable compare tables (stderr when --json).</summary>
public static class CompareRenderer
{
    public static void Render(IReadOnlyList<RunComparison> comparisons, double? threshold, IAnsiConsole console)
    {
        foreach (var c in comparisons)
        {
            var table = new Table().Border(TableBorder.Rounded)
                .Title($"run {c.CandidateRunId.ToString(CultureInfo.InvariantCulture)} vs baseline {c.BaselineRunId.ToString(CultureInfo.InvariantCulture)}");
            // Column titles are markup: the CI brackets must be escaped.
            table.AddColumns(new[] { "Metric", "Baseline p50", "Candidate p50", "Δ median [95% CI]", "Δ % [95% CI]", "p", "Verdict" }.Select(Markup.Escape).ToArray());
            foreach (var m in c.Metrics)
            {
                var t = m.Test;
                var verdict = m.Verdict switch
                {
                    Verdict.Slower => m.ExceedsThreshold ? "[red]slower (beyond threshold)[/]" : "[yellow]slower[/]",
                    Verdict.Faster => "[green]faster[/]",
                    Verdict.InsufficientData => "[grey]insufficient data[/]",
                    _ => "no significant difference",
                };
                table.AddRow(
                    Markup.Escape(m.Metric.Name),
                    t is null ? "—" : Num.Ms(t.MedianA),
                    t is null ? "—" : Num.Ms(t.MedianB),
                    t is null ? "—" : Markup.Escape(Num.WithCi(t.Difference, t.DifferenceLower, t.DifferenceUpper)),
                    t is null ? "—" : Markup.Escape(Num.WithCi(t.RelativeChange, t.RelativeLower, t.RelativeUpper, Num.Pct)),
                    t is null ? "—" : Num.F(t.PValue, "0.####"),
                    verdict);
            }
            console.Write(table);
        }
        if (threshold is { } th)
        {
            var regressed = comparisons.Any(c => c.Regressed);
            console.MarkupLine(regressed
                ? $"[red]Regression:[/] significantly slower by more than {Markup.Escape(Num.Pct(th))} (exit 1)."
                : $"[green]No significant slowdown beyond {Markup.Escape(Num.Pct(th))}.[/]");
        }
    }
}
