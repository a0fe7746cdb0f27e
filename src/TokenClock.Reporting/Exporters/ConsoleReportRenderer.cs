using Spectre.Console;
using TokenClock.Analysis.Validity;
using TokenClock.Reporting.Formatting;

namespace TokenClock.Reporting.Exporters;

/// <summary>Short console summary (Spectre.Console): headline percentiles with CIs, conclusions, findings.</summary>
public static class ConsoleReportRenderer
{
    /// <summary>Writes the summary of <paramref name="document"/>'s analysis to <paramref name="console"/>; figures are not drawn.</summary>
    public static void Render(ReportDocument document, IAnsiConsole console)
    {
        var r = document.Analysis;
        console.Write(new Rule($"[bold]{Markup.Escape(r.Title)}[/]").LeftJustified());
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Series");
        table.AddColumn(new TableColumn("ok/total").RightAligned());
        foreach (var m in ReportTables.Headline)
        {
            table.AddColumn(new TableColumn($"{m.Label} p50 ({m.Unit})").RightAligned());
            table.AddColumn(new TableColumn($"{m.Label} p99").RightAligned());
        }
        foreach (var s in r.Series)
        {
            var cells = new List<string> { Markup.Escape(s.Name), $"{Num.I(s.Succeeded)}/{Num.I(s.Total)}" };
            foreach (var m in ReportTables.Headline)
            {
                var summary = s.Metric(m.Name)?.Summary;
                Func<double, string> f = m.IsLatency ? Num.Ms : v => Num.F(v, "#,0.#");
                cells.Add(summary is null ? "—" : Markup.Escape(Num.WithCi(summary.Median.Value, summary.Median.Lower, summary.Median.Upper, f)));
                cells.Add(summary is null ? "—" : Markup.Escape(f(summary.Percentile(99).Value)));
            }
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
        foreach (var s in r.Series)
        {
            if (ReportTables.Groups(s) is not { } groups) continue;
            var g = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(groups.Title));
            foreach (var h in groups.Headers) g.AddColumn(new TableColumn(Markup.Escape(h)));
            foreach (var row in groups.Rows) g.AddRow(row.Select(Markup.Escape).ToArray());
            console.Write(g);
        }
        foreach (var s in r.Series.Where(s => s.CharFit is not null))
        {
            var f = s.CharFit!;
            console.MarkupLine($"[grey]{Markup.Escape(s.Name)}:[/] e2e ≈ {Markup.Escape(Num.Ms(f.EffectiveIntercept))} ms + {Markup.Escape(Num.F(f.Slope, "0.###"))} ms/char (±{Markup.Escape(Num.Ms(f.ResidualSpread))} ms spread)");
        }
        foreach (var c in r.Crossovers.Where(c => c.Predictor == "output_chars"))
            console.MarkupLine($"[bold]→[/] {Markup.Escape(c.Conclusion)}");
        foreach (var f in r.Findings)
        {
            var color = f.Severity switch { Severity.Error => "red", Severity.Warning => "yellow", _ => "grey" };
            var where = f.Series is null ? "" : $" {Markup.Escape(f.Series)}:";
            console.MarkupLine($"[{color}]{f.Severity.ToString().ToLowerInvariant()} {f.Id}[/]{where} {Markup.Escape(f.Message)}");
        }
    }
}
