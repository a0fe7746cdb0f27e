using System.Net;
using System.Text;

namespace TokenClock.Reporting.Exporters;

/// <summary>
/// One self-contained HTML file: inline CSS, figures as PNG data URIs, no external requests. A tiny script
/// records how many figures decoded (<c>data-plots-loaded</c> on &lt;html&gt;) so headless checks can verify rendering.
/// </summary>
internal sealed class HtmlReportExporter : IReportExporter
{
    public string Format => "html";
    public string DefaultFileName => "report.html";

    public async Task ExportAsync(ReportDocument document, Stream output, CancellationToken cancellationToken = default)
    {
        var text = Render(document);
        await output.WriteAsync(new UTF8Encoding(false).GetBytes(text), cancellationToken).ConfigureAwait(false);
    }

    public static string Render(ReportDocument document)
    {
        var r = document.Analysis;
        var sb = new StringBuilder(1 << 20);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>TokenClock — ").Append(E(r.Title)).Append("</title>\n");
        sb.Append("<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1200px;color:#222;padding:0 1rem}")
          .Append("table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.85rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}")
          .Append("th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}.error{background:#fde2e2}.warning{background:#fff4d6}.hint{background:#eef5ff}")
          .Append("figure{margin:1rem 0}figure img{max-width:100%;border:1px solid #ddd}figcaption{font-size:.85rem;color:#555}ul.conclusions li{margin:.3rem 0;font-weight:600}")
          .Append("</style></head>\n<body>\n");
        sb.Append("<h1>TokenClock report — ").Append(E(r.Title)).Append("</h1>\n");
        if (document.GeneratedUtc is { } t)
            sb.Append("<p>Generated ").Append(E(t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))).Append(" UTC.</p>\n");
        sb.Append("<p>Percentiles exclude failed and warm-up requests (counted beside them); brackets give 95% confidence intervals.</p>\n");

        Table(sb, ReportTables.Overview(r), "overview");

        sb.Append("<h2>Conclusions</h2>\n<ul class=\"conclusions\">\n");
        if (r.Crossovers.Count == 0) sb.Append(r.Series.Count < 2
            ? "<li>One series only: nothing to compare.</li>\n"
            : "<li>No crossover: no pair of series has a latency-vs-length fit on both sides (too few successful requests, or no spread in output length).</li>\n");
        foreach (var c in r.Crossovers) sb.Append("<li>").Append(E(c.Conclusion)).Append("</li>\n");
        sb.Append("</ul>\n");

        var findings = ReportTables.Findings(r);
        sb.Append("<h2>").Append(E(findings.Title)).Append("</h2>\n");
        if (findings.Rows.Count == 0) sb.Append("<p>No findings.</p>\n");
        else
        {
            sb.Append("<table id=\"validity\"><thead><tr>");
            foreach (var h in findings.Headers) sb.Append("<th>").Append(E(h)).Append("</th>");
            sb.Append("</tr></thead><tbody>\n");
            foreach (var row in findings.Rows)
            {
                sb.Append("<tr class=\"").Append(E(row[0])).Append("\">");
                foreach (var cell in row) sb.Append("<td>").Append(E(cell)).Append("</td>");
                sb.Append("</tr>\n");
            }
            sb.Append("</tbody></table>\n");
        }

        sb.Append("<h2>Figures</h2>\n");
        foreach (var note in document.QualityHidden) sb.Append("<p class=\"quality-hidden\">").Append(E(note)).Append("</p>\n");
        foreach (var p in document.Plots)
        {
            sb.Append("<figure id=\"fig-").Append(E(p.Id)).Append("\"><img class=\"plot\" alt=\"").Append(E(p.Title))
              .Append("\" width=\"900\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(p.Png)).Append("\">")
              .Append("<figcaption>").Append(E(p.Title)).Append(": ").Append(E(p.Caption)).Append("</figcaption></figure>\n");
        }

        sb.Append("<h2>Per-series statistics</h2>\n");
        var i = 0;
        foreach (var s in r.Series)
        {
            var table = ReportTables.SeriesMetrics(s);
            sb.Append("<h3>").Append(E(table.Title)).Append("</h3>\n<p>").Append(E(ReportTables.SeriesFacts(s))).Append("</p>\n");
            var id = "series-" + (i++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Rows(sb, table, id);
            if (ReportTables.Groups(s) is { } groups)
            {
                sb.Append("<h4>").Append(E(groups.Title)).Append("</h4>\n");
                Rows(sb, groups, id + "-groups");
            }
        }
        Table(sb, ReportTables.Fits(r), "fits");
        Table(sb, ReportTables.Crossovers(r), "crossovers");
        if (document.ServerMetrics.Count > 0) Table(sb, ServerMetricsTable.Of(document.ServerMetrics), "server-metrics");
        Table(sb, ReportTables.Environment(r), "environment");

        // Counts decoded figures; headless tests read the attribute from the DOM.
        sb.Append("<script>window.addEventListener('load',function(){var imgs=document.querySelectorAll('img.plot');var ok=0;")
          .Append("imgs.forEach(function(i){if(i.complete&&i.naturalWidth>0){ok++;}});")
          .Append("document.documentElement.setAttribute('data-plots-loaded',ok+'/'+imgs.length);});</script>\n");
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static void Table(StringBuilder sb, TextTable table, string id)
    {
        sb.Append("<h2>").Append(E(table.Title)).Append("</h2>\n");
        if (table.Rows.Count == 0)
        {
            sb.Append("<p>(none)</p>\n");
            return;
        }
        Rows(sb, table, id);
    }

    private static void Rows(StringBuilder sb, TextTable table, string id)
    {
        sb.Append("<table id=\"").Append(E(id)).Append("\"><thead><tr>");
        foreach (var h in table.Headers) sb.Append("<th>").Append(E(h)).Append("</th>");
        sb.Append("</tr></thead><tbody>\n");
        foreach (var row in table.Rows)
        {
            sb.Append("<tr>");
            foreach (var cell in row) sb.Append("<td>").Append(E(cell)).Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table>\n");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
