using System.Globalization;
using ScottPlot;
using TokenClock.Analysis.Runs;
using TokenClock.Core.Results;
using TokenClock.Reporting.Exporters;

namespace TokenClock.Reporting.Plots;

/// <summary>
/// The server's view beside the client's, on one time axis (seconds since the run started): each request's
/// E2E latency and TTFT at its send time (left axis), and the scraped gauges — queue length, running requests,
/// KV-cache use... — as steps (right axis). Counters (_total) are drawn as rates in a second figure.
/// </summary>
public static class ServerMetricsPlots
{
    private const int MaxSeries = 8;

    /// <summary>The state figure (client latency over the gauges) and, when counters were scraped, the rates figure.</summary>
    public static IReadOnlyList<PlotImage> Create(RunData run, RunServerMetrics metrics, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(metrics);
        options ??= new PlotOptions();
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // tick labels read the same everywhere
        try
        {
            var groups = metrics.Series.Points.Where(p => !double.IsNaN(p.Value) && !p.Name.EndsWith("_sum", StringComparison.Ordinal) && !p.Name.EndsWith("_count", StringComparison.Ordinal))
                .GroupBy(p => (p.Name, p.Labels)).OrderBy(g => g.Key.Name, StringComparer.Ordinal).ThenBy(g => g.Key.Labels, StringComparer.Ordinal).ToArray();
            double T(DateTimeOffset at) => (at - metrics.RunStartedUtc).TotalSeconds;
            var id = run.Run.Id.ToString(CultureInfo.InvariantCulture);
            var images = new List<PlotImage>();

            var plot = new Plot();
            plot.Title($"Run {id} — client latency and server state");
            plot.XLabel("Time since run start (s)");
            plot.YLabel("Client latency (ms)");
            var ok = run.Requests.Where(r => r.Succeeded).ToArray();
            AddPoints(plot, ok.Where(r => r.E2eMs() is not null).Select(r => (r.SentNs / 1e9, r.E2eMs()!.Value)), "client E2E (ms)", Colors.Gray);
            AddPoints(plot, ok.Where(r => r.TtftMs() is not null).Select(r => (r.SentNs / 1e9, r.TtftMs()!.Value)), "client TTFT (ms)", Colors.Black);
            var gauges = groups.Where(g => !g.Key.Name.EndsWith("_total", StringComparison.Ordinal)).Take(MaxSeries).ToArray();
            for (var i = 0; i < gauges.Length; i++)
            {
                var pts = gauges[i].OrderBy(p => p.At).ToArray();
                var line = plot.Add.Scatter(pts.Select(p => T(p.At)).ToArray(), pts.Select(p => p.Value).ToArray(), Palette(i));
                line.ConnectStyle = ConnectStyle.StepHorizontal;
                line.MarkerSize = 0;
                line.LineWidth = 2;
                line.Axes.YAxis = plot.Axes.Right;
                line.LegendText = "server " + gauges[i].Key.Name + gauges[i].Key.Labels;
            }
            plot.Axes.Right.Label.Text = "Server gauge value";
            plot.ShowLegend(Edge.Bottom); // outside the data: both axes are full of it
            images.Add(Render(plot, options, $"server-state-run-{id}", $"Run {id}: client latency and server state",
                $"Dots: each request's latency at its send time. Steps: gauges scraped from {metrics.Series.Url} every {metrics.Series.Interval.TotalSeconds:0.###} s ({metrics.Series.Scrapes} scrapes, {metrics.Series.Failures} failed)."));

            var counters = groups.Where(g => g.Key.Name.EndsWith("_total", StringComparison.Ordinal)).Take(MaxSeries).ToArray();
            if (counters.Length > 0)
            {
                var rates = new Plot();
                rates.Title($"Run {id} — server counters as rates");
                rates.XLabel("Time since run start (s)");
                rates.YLabel("Rate (per second)");
                for (var i = 0; i < counters.Length; i++)
                {
                    var pts = counters[i].OrderBy(p => p.At).ToArray();
                    var xs = new List<double>();
                    var ys = new List<double>();
                    for (var k = 1; k < pts.Length; k++)
                    {
                        var dt = (pts[k].At - pts[k - 1].At).TotalSeconds;
                        if (dt <= 0 || pts[k].Value < pts[k - 1].Value) continue; // a counter reset is not a negative rate
                        xs.Add(T(pts[k].At));
                        ys.Add((pts[k].Value - pts[k - 1].Value) / dt);
                    }
                    if (xs.Count == 0) continue;
                    var line = rates.Add.Scatter(xs.ToArray(), ys.ToArray(), Palette(i));
                    line.ConnectStyle = ConnectStyle.StepVertical;
                    line.MarkerSize = 0;
                    line.LineWidth = 2;
                    line.LegendText = counters[i].Key.Name + counters[i].Key.Labels + " /s";
                }
                rates.ShowLegend(Edge.Bottom);
                images.Add(Render(rates, options, $"server-rates-run-{id}", $"Run {id}: server counters as rates",
                    "Each step is a counter's increase between two scrapes divided by the time between them (e.g. generated tokens/s as the server counted them)."));
            }
            return images;
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static void AddPoints(Plot plot, IEnumerable<(double X, double Y)> points, string legend, ScottPlot.Color color)
    {
        var pts = points.ToArray();
        if (pts.Length == 0) return;
        var sp = plot.Add.ScatterPoints(pts.Select(p => p.X).ToArray(), pts.Select(p => p.Y).ToArray(), color.WithAlpha(0.6));
        sp.MarkerSize = 4;
        sp.LegendText = legend;
    }

    private static ScottPlot.Color Palette(int i) => new ScottPlot.Palettes.Category10().GetColor(i);

    private static PlotImage Render(Plot plot, PlotOptions o, string id, string title, string caption) =>
        new(id, title, caption, plot.GetImageBytes(o.Width, o.Height, ImageFormat.Png), o.RenderSvg ? plot.GetSvgXml(o.Width, o.Height) : "");
}
