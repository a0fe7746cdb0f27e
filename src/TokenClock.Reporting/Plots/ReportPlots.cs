using System.Globalization;
using ScottPlot;
using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Statistics;
using TokenClock.Core.Results;

namespace TokenClock.Reporting.Plots;

/// <summary>
/// Renders the report's figures with ScottPlot: latency vs output length (tokens, chars) with fit lines — the
/// study's main figure —, TTFT and ITL CDFs, box plots, latency over time, throughput vs latency across load
/// steps, and quality vs latency when scores exist. Every figure has units, a legend and the report title.
/// </summary>
public static class ReportPlots
{
    /// <summary>Every figure that <paramref name="report"/> has data for, in report order; a figure without data is left out.</summary>
    public static IReadOnlyList<PlotImage> CreateAll(AnalysisReport report, PlotOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PlotOptions();
        var previous = CultureInfo.CurrentCulture;
        // ScottPlot formats tick labels with the current culture; figures must read the same everywhere.
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            var builders = new List<Func<PlotImage?>>
            {
                () => LatencyVsLength(report, options, chars: false),
                () => LatencyVsLength(report, options, chars: true),
                () => Cdf(report, options, "ttft-cdf", "TTFT distribution", "TTFT (ms)", s => Sorted(s.Analyzed.Select(r => r.TtftMs()))),
                // Clipped: ITL mass sits at a few ms while rare stalls reach hundreds; a full axis squeezes the curve flat.
                () => Cdf(report, options, "itl-cdf", "ITL distribution (clipped at p99.9)", "ITL (ms, per token; x axis clipped at p99.9)", ItlQuantiles,
                    top: ItlClip / 100, caption: "The x axis ends at each series' p99.9 (the slowest 0.1% of gaps are off the plot; see p99/max in the tables)."),
                () => Boxes(report, options, "e2e-box", "E2E latency per series", "E2E latency (ms)", r => r.E2eMs()),
                () => Boxes(report, options, "ttft-box", "TTFT per series", "TTFT (ms)", r => r.TtftMs()),
                () => OverTime(report, options),
                () => ThroughputVsLatency(report, options),
                () => QualityVsLatency(report, options),
            };
            builders.AddRange(LoadCurvePlots.Builders(report, options));
            var images = new List<PlotImage>();
            foreach (var build in builders)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (build() is { } image) images.Add(image);
            }
            return images;
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static PlotImage? LatencyVsLength(AnalysisReport report, PlotOptions o, bool chars)
    {
        var series = report.Series.Where(s => s.Analyzed.Count > 0).ToArray();
        if (series.Length == 0) return null;
        var plot = NewPlot(report, chars ? "E2E latency vs output characters" : "E2E latency vs output tokens",
            chars ? "Output length (characters)" : "Output length (tokens)", "E2E latency (ms)");
        for (var i = 0; i < series.Length; i++)
        {
            var s = series[i];
            var color = Color(i);
            var pts = Sample(s.Analyzed.Where(r => r.E2eMs() is not null).ToArray(), o.MaxPointsPerSeries);
            var xs = pts.Select(r => chars ? (double)r.OutputChars : r.OutputTokens()).ToArray();
            var ys = pts.Select(r => r.E2eMs()!.Value).ToArray();
            var sp = plot.Add.ScatterPoints(xs, ys, color.WithAlpha(0.45));
            sp.MarkerSize = 4;
            sp.LegendText = s.Name;
            if ((chars ? s.CharFit : s.TokenFit) is { } fit)
            {
                var line = plot.Add.Line(fit.RangeMin, fit.Predict(fit.RangeMin), fit.RangeMax, fit.Predict(fit.RangeMax));
                line.LineWidth = 2.5f;
                line.Color = color;
                line.LegendText = $"{s.Name} fit: {F(fit.EffectiveIntercept)} + {F(fit.Slope, "0.###")}·x ms";
            }
        }
        return Render(plot, o, chars ? "latency-vs-chars" : "latency-vs-tokens",
            chars ? "E2E latency vs output characters" : "E2E latency vs output tokens",
            "Each dot is one successful request; lines are robust fits (Huber) over the measured range.");
    }

    // top: cumulative fraction of the last value (1 for a full CDF, 0.999 when clipped at p99.9).</param>
    private static PlotImage? Cdf(AnalysisReport report, PlotOptions o, string id, string title, string xLabel, Func<SeriesAnalysis, double[]> values,
        double top = 1.0, string? caption = null)
    {
        var plot = NewPlot(report, title, xLabel, "Cumulative fraction of samples");
        var any = false;
        var i = 0;
        foreach (var s in report.Series)
        {
            var v = values(s);
            if (v.Length > 0)
            {
                var q = Quantiles(v, 300);
                var ys = Enumerable.Range(0, q.Length).Select(k => q.Length == 1 ? top : top * k / (q.Length - 1)).ToArray();
                var sc = plot.Add.Scatter(q, ys, Color(i));
                sc.MarkerSize = 0;
                sc.LineWidth = 2;
                sc.LegendText = s.Name;
                any = true;
            }
            i++;
        }
        return any ? Render(plot, o, id, title, "Read across at 0.5 for the median and 0.9/0.99 for tails; further left is faster."
            + (caption is null ? "" : " " + caption)) : null;
    }

    private static PlotImage? Boxes(AnalysisReport report, PlotOptions o, string id, string title, string yLabel, Func<RequestRecord, double?> metric)
    {
        var plot = NewPlot(report, title, "Series", yLabel);
        var positions = new List<double>();
        var labels = new List<string>();
        for (var i = 0; i < report.Series.Count; i++)
        {
            var v = Sorted(report.Series[i].Analyzed.Select(metric));
            if (v.Length == 0) continue;
            var box = new Box
            {
                Position = i,
                BoxMin = Percentiles.OfSorted(v, 25),
                BoxMax = Percentiles.OfSorted(v, 75),
                BoxMiddle = Percentiles.OfSorted(v, 50),
                WhiskerMin = Percentiles.OfSorted(v, 5),
                WhiskerMax = Percentiles.OfSorted(v, 95),
            };
            box.FillStyle.Color = Color(i).WithAlpha(0.6);
            var added = plot.Add.Box(box);
            added.LegendText = report.Series[i].Name;
            positions.Add(i);
            labels.Add(report.Series[i].Name);
        }
        if (positions.Count == 0) return null;
        plot.Axes.Bottom.SetTicks(positions.ToArray(), labels.ToArray());
        return Render(plot, o, id, title, "Box: p25–p75 with the median; whiskers: p5–p95.");
    }

    private static PlotImage? OverTime(AnalysisReport report, PlotOptions o)
    {
        var plot = NewPlot(report, "Latency over time", "Time since run start (s)", "E2E latency (ms)");
        var any = false;
        for (var i = 0; i < report.Series.Count; i++)
        {
            var s = report.Series[i];
            var pts = Sample(s.Requests.Where(r => r.Succeeded && r.E2eMs() is not null).ToArray(), o.MaxPointsPerSeries);
            if (pts.Length == 0) continue;
            var sp = plot.Add.ScatterPoints(pts.Select(r => r.SentNs / 1e9).ToArray(), pts.Select(r => r.E2eMs()!.Value).ToArray(), Color(i).WithAlpha(0.5));
            sp.MarkerSize = 3;
            sp.LegendText = s.Name;
            any = true;
        }
        return any ? Render(plot, o, "latency-over-time", "Latency over time",
            "Drift or steps here mean the system changed during the run (warm-up, throttling, contention).") : null;
    }

    private static PlotImage? ThroughputVsLatency(AnalysisReport report, PlotOptions o) =>
        ThroughputVsLatencyPlot(report) is { } plot ? Render(plot, o, "throughput-vs-latency", "Throughput vs latency",
            "One point per load step (request tag load/concurrency/rate, else per run): the knee shows where queueing starts.") : null;

    /// <summary>The throughput-vs-latency figure before its legend is placed and it is rendered (null when empty).</summary>
    internal static Plot? ThroughputVsLatencyPlot(AnalysisReport report)
    {
        // One point per load step: requests grouped by their load tag (or, without one, the whole series).
        var plot = NewPlot(report, "Throughput vs latency", "Throughput (output tokens/s)", "E2E latency p50 (ms)");
        var any = false;
        // A sweep's points are series of one backend ("sim [rate 20 req/s]", "sim [rate 40 req/s]"): one curve.
        var byBackend = report.Series.GroupBy(Exporters.LoadColumn.Base).ToArray();
        for (var i = 0; i < byBackend.Length; i++)
        {
            var steps = new List<(double Tps, double P50, string Label)>();
            foreach (var s in byBackend[i])
            {
                var groups = s.Analyzed.GroupBy(r => LoadValue(r) ?? s.LoadTag ?? $"run {s.RunId}");
                foreach (var g in groups)
                {
                    var reqs = g.Where(r => r.E2eMs() is not null).ToArray();
                    if (reqs.Length == 0) continue;
                    var start = reqs.Min(r => r.SentNs);
                    var end = reqs.Max(r => r.EndNs ?? r.SentNs);
                    var seconds = (end - start) / 1e9;
                    if (seconds <= 0) continue;
                    steps.Add((reqs.Sum(r => (double)r.OutputTokens()) / seconds, Percentiles.Of(reqs.Select(r => r.E2eMs()!.Value), 50), g.Key));
                }
            }
            if (steps.Count == 0) continue;
            steps.Sort((a, b) => a.Tps.CompareTo(b.Tps));
            var sc = plot.Add.Scatter(steps.Select(p => p.Tps).ToArray(), steps.Select(p => p.P50).ToArray(), Color(i));
            sc.MarkerSize = 8;
            sc.LineWidth = 1.5f;
            sc.LegendText = byBackend[i].Key;
            any = true;
        }
        return any ? plot : null;
    }

    private static PlotImage? QualityVsLatency(AnalysisReport report, PlotOptions o)
    {
        var scoreName = report.Series.SelectMany(s => s.Analyzed).SelectMany(r => r.Scores.Keys)
            .Distinct().OrderBy(k => k, StringComparer.Ordinal).FirstOrDefault();
        if (scoreName is null) return null;
        var plot = NewPlot(report, $"Quality ({scoreName}) vs latency", "E2E latency (ms)", $"{scoreName} (score)");
        var any = false;
        for (var i = 0; i < report.Series.Count; i++)
        {
            // Scores of random text (a latency twin, the simulator) measure nothing; such series are left out.
            if (o.TextNotMeaningful?.Invoke(report.Series[i]) is not null) continue;
            var pts = Sample(report.Series[i].Analyzed.Where(r => r.Scores.ContainsKey(scoreName) && r.E2eMs() is not null).ToArray(), o.MaxPointsPerSeries);
            if (pts.Length == 0) continue;
            var sp = plot.Add.ScatterPoints(pts.Select(r => r.E2eMs()!.Value).ToArray(), pts.Select(r => r.Scores[scoreName]).ToArray(), Color(i).WithAlpha(0.6));
            sp.MarkerSize = 4;
            sp.LegendText = report.Series[i].Name;
            any = true;
        }
        if (!any) return null;
        return Render(plot, o, "quality-vs-latency", $"Quality ({scoreName}) vs latency", "Up and to the left is better: higher quality, lower latency.");
    }

    private static Plot NewPlot(AnalysisReport report, string title, string x, string y)
    {
        var plot = new Plot();
        plot.Title($"{report.Title} — {title}");
        plot.XLabel(x);
        plot.YLabel(y);
        return plot;
    }

    /// <summary>
    /// The legend goes in a panel below the data area (as the server-metrics figures do), never over it: inside, any corner can hide a point of some
    /// run (a sweep's p99 rises exactly where an upper-left legend sits).
    /// </summary>
    internal static void PlaceLegend(Plot plot) => plot.ShowLegend(Edge.Bottom);

    private static PlotImage Render(Plot plot, PlotOptions o, string id, string title, string caption)
    {
        PlaceLegend(plot);
        var png = plot.GetImageBytes(o.Width, o.Height, ImageFormat.Png);
        var svg = o.RenderSvg ? plot.GetSvgXml(o.Width, o.Height) : "";
        return new PlotImage(id, title, caption, png, svg);
    }

    private static string? LoadValue(RequestRecord r)
    {
        foreach (var key in RunAnalyzer.LoadTagKeys)
            if (r.Tags.TryGetValue(key, out var v)) return $"{key}={v}";
        return null;
    }

    private const double ItlClip = 99.9;

    /// <summary>ITL percentiles from 0 to p99.9, evenly spaced in probability.</summary>
    private static double[] ItlQuantiles(SeriesAnalysis s)
    {
        if (s.ItlHistogram is not { Count: > 0 } h) return [];
        return Enumerable.Range(0, 300).Select(k => h.Percentile(ItlClip * k / 299)).ToArray();
    }

    private static double[] Sorted(IEnumerable<double?> values)
    {
        var v = values.Where(x => x is { } d && double.IsFinite(d)).Select(x => x!.Value).ToArray();
        Array.Sort(v);
        return v;
    }

    /// <summary>At most <paramref name="count"/> evenly spaced quantiles of sorted values (already sorted ok).</summary>
    private static double[] Quantiles(double[] sorted, int count)
    {
        if (sorted.Length <= count) return sorted;
        return Enumerable.Range(0, count).Select(k => Percentiles.OfSorted(sorted, 100.0 * k / (count - 1))).ToArray();
    }

    private static T[] Sample<T>(T[] items, int max)
    {
        if (items.Length <= max) return items;
        var stride = (double)items.Length / max;
        return Enumerable.Range(0, max).Select(k => items[(int)(k * stride)]).ToArray();
    }

    private static ScottPlot.Color Color(int i) => new ScottPlot.Palettes.Category10().GetColor(i);

    private static string F(double v, string format = "0.#") => v.ToString(format, CultureInfo.InvariantCulture);
}
