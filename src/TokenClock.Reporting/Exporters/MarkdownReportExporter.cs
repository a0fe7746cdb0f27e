using System.Text;
using TokenClock.Reporting.Formatting;

namespace TokenClock.Reporting.Exporters;

/// <summary>GitHub-flavoured Markdown; figures are linked from <see cref="ReportDocument.PlotFolder"/>.</summary>
internal sealed class MarkdownReportExporter : IReportExporter
{
    public string Format => "md";
    public string DefaultFileName => "report.md";

    public async Task ExportAsync(ReportDocument document, Stream output, CancellationToken cancellationToken = default)
    {
        var text = Render(document);
        await output.WriteAsync(new UTF8Encoding(false).GetBytes(text), cancellationToken).ConfigureAwait(false);
    }

    public static string Render(ReportDocument document)
    {
        var r = document.Analysis;
        var sb = new StringBuilder();
        sb.Append("# TokenClock report — ").Append(Escape(r.Title)).Append('\n').Append('\n');
        if (document.GeneratedUtc is { } t)
            sb.Append("Generated ").Append(t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)).Append(" UTC.\n\n");
        sb.Append("Percentiles exclude failed and warm-up requests (counted beside them); brackets give 95% CIs.\n\n");

        Table(sb, ReportTables.Overview(r), 2);

        sb.Append("## Conclusions\n\n");
        if (r.Crossovers.Count == 0) sb.Append(r.Series.Count < 2
            ? "- One series only: nothing to compare.\n"
            : "- No crossover: no pair of series has a latency-vs-length fit on both sides (too few successful requests, or no spread in output length).\n");
        foreach (var c in r.Crossovers) sb.Append("- ").Append(Escape(c.Conclusion)).Append('\n');
        sb.Append('\n');

        Table(sb, ReportTables.Findings(r), 2);

        sb.Append("## Per-series statistics\n\n");
        foreach (var s in r.Series)
        {
            var table = ReportTables.SeriesMetrics(s);
            sb.Append("### ").Append(Escape(table.Title)).Append("\n\n").Append(Escape(ReportTables.SeriesFacts(s))).Append("\n\n");
            Rows(sb, table);
            if (ReportTables.Groups(s) is { } groups)
            {
                sb.Append("#### ").Append(Escape(groups.Title)).Append("\n\n");
                Rows(sb, groups);
            }
        }

        Table(sb, ReportTables.Fits(r), 2);
        Table(sb, ReportTables.Crossovers(r), 2);

        if (document.Plots.Count > 0 || document.QualityHidden.Count > 0)
        {
            sb.Append("## Figures\n\n");
            foreach (var note in document.QualityHidden) sb.Append(Escape(note)).Append("\n\n");
            foreach (var p in document.Plots)
                sb.Append("![").Append(Escape(p.Title)).Append("](").Append(document.PlotFolder).Append('/').Append(p.Id).Append(".png)\n\n")
                  .Append('*').Append(Escape(p.Caption)).Append("* SVG: [").Append(p.Id).Append(".svg](").Append(document.PlotFolder).Append('/').Append(p.Id).Append(".svg)\n\n");
        }
        if (document.ServerMetrics.Count > 0) Table(sb, ServerMetricsTable.Of(document.ServerMetrics), 2);
        Table(sb, ReportTables.Environment(r), 2);
        return sb.ToString();
    }

    private static void Table(StringBuilder sb, TextTable table, int level)
    {
        sb.Append('#', level).Append(' ').Append(Escape(table.Title)).Append("\n\n");
        if (table.Rows.Count == 0)
        {
            sb.Append("(none)\n\n");
            return;
        }
        Rows(sb, table);
    }

    private static void Rows(StringBuilder sb, TextTable table)
    {
        sb.Append("| ").Append(string.Join(" | ", table.Headers.Select(Escape))).Append(" |\n");
        sb.Append('|').Append(string.Concat(table.Headers.Select(_ => "---|"))).Append('\n');
        foreach (var row in table.Rows) sb.Append("| ").Append(string.Join(" | ", row.Select(Escape))).Append(" |\n");
        sb.Append('\n');
    }

    /// <summary>
    /// Text from runs (series, model and run names, messages) is data, never markup: HTML is entity-escaped (a
    /// Markdown viewer renders raw HTML, so "&lt;script&gt;" or "&lt;img onerror=…&gt;" would run), and the Markdown
    /// sequences that make links, images or code, or end a table cell, are backslash-escaped.
    /// </summary>
    internal static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        var previous = '\0';
        foreach (var c in s)
        {
            // "](" and "][" are what turn bracketed text into a link or image; brackets alone (CIs) stay as they are.
            if (previous == ']' && c is '(' or '[') sb.Append('\\');
            previous = c;
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '\n' or '\r': sb.Append(' '); break;
                case '\\' or '`' or '|': sb.Append('\\').Append(c); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
