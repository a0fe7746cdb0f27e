using System.Globalization;
using ScottPlot;
using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Statistics;
using TokenClock.Analysis.Sweeps;

namespace TokenClock.Reporting.Plots;

/// <summary>
/// Sweep figures: for TTFT, TPOT and E2E, throughput (req/s) against p50 and p99 with their 95% CIs as vertical
/// bars, one curve per backend's sweep (series tagged with their load), and the knee (KneeDetector
/// on the p50) marked with a vertical dashed line. Nothing is drawn without a curve of at least two load points.
/// </summary>
internal static class LoadCurvePlots
{
    public static IEnumerable<Func<PlotImage?>> Builders(AnalysisReport report, PlotOptions o) =>
    [
        () => Create(report, o, MetricCatalog.Ttft, "load-ttft"),
        () => Create(report, o, MetricCatalog.Tpot, "load-tpot"),
        () => Create(report, o, MetricCatalog.E2e, "load-e2e"),
    ];

    private static PlotImage? Create(AnalysisReport report, PlotOptions o, MetricDefinition metric, string id)
    {
        var curves = LoadCurve.Of(report);
        if (curves.Count == 0) return null;
        var plot = new Plot();
        plot.Title($"{report.Title} — throughput vs {metric.Label}");
        plot.XLabel("Throughput (completed requests/s)");
        plot.YLabel($"{metric.Label} ({metric.Unit})");
        var knees = new List<string>();
        for (var c = 0; c < curves.Count; c++)
        {
            var curve = curves[c];
            var color = new ScottPlot.Palettes.Category10().GetColor(c);
            foreach (var (p, pattern, width) in new[] { (50.0, LinePattern.Solid, 2f), (99.0, LinePattern.Dashed, 1.5f) })
            {
                var pts = curve.Points.Select(pt => (pt.ThroughputRps, Est: pt.Percentile(metric, p))).Where(x => x.Est is not null).ToArray();
                if (pts.Length == 0) continue;
                var sc = plot.Add.Scatter(pts.Select(x => x.ThroughputRps).ToArray(), pts.Select(x => x.Est!.Value).ToArray(), color);
                sc.LinePattern = pattern;
                sc.LineWidth = width;
                sc.MarkerSize = 6;
                sc.LegendText = $"{curve.Name} p{p.ToString("0", CultureInfo.InvariantCulture)}";
                foreach (var (x, est) in pts)
                {
                    var bar = plot.Add.Line(x, est!.Lower, x, est.Upper);
                    bar.Color = color.WithAlpha(0.6);
                    bar.LineWidth = 1;
                }
            }
            if (curve.Knee(metric) is { } k)
            {
                var knee = curve.Points[k];
                var line = plot.Add.VerticalLine(knee.ThroughputRps);
                line.Color = color;
                line.LinePattern = LinePattern.Dotted;
                line.LegendText = $"{curve.Name} knee: {knee.Load}";
                knees.Add($"{curve.Name}: {knee.Load} ({knee.ThroughputRps.ToString("0.##", CultureInfo.InvariantCulture)} req/s)");
            }
        }
        ReportPlots.PlaceLegend(plot);
        var png = plot.GetImageBytes(o.Width, o.Height, ImageFormat.Png);
        var svg = o.RenderSvg ? plot.GetSvgXml(o.Width, o.Height) : "";
        var kneeText = knees.Count == 0 ? "no knee: latency never grew more than 3x faster than throughput (relative)" : "knee " + string.Join("; ", knees);
        return new PlotImage(id, $"Throughput vs {metric.Label}",
            $"One point per load step, p50 solid and p99 dashed, bars = 95% CI. The knee is the last point before {metric.Label} p50 grows over 3x faster than throughput (in percent), or throughput stops growing: {kneeText}.",
            png, svg);
    }
}
