using System.Globalization;

namespace TokenClock.Reporting.Exporters;

/// <summary>
/// Server-side metrics as a report table: per series its min, mean, max and last value over the run, and for
/// counters (names ending in _total, the Prometheus convention) the rate over the run, e.g. generated tokens/s
/// as the server counted them.
/// </summary>
internal static class ServerMetricsTable
{
    public static TextTable Of(IReadOnlyList<RunServerMetrics> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var run in runs)
        {
            foreach (var g in run.Series.Points.GroupBy(p => (p.Name, p.Labels)).OrderBy(g => g.Key.Name, StringComparer.Ordinal).ThenBy(g => g.Key.Labels, StringComparer.Ordinal))
            {
                var pts = g.Where(p => !double.IsNaN(p.Value)).OrderBy(p => p.At).ToArray();
                if (pts.Length == 0) continue;
                var rate = "";
                if (g.Key.Name.EndsWith("_total", StringComparison.Ordinal) && pts.Length > 1 && pts[^1].At > pts[0].At)
                    rate = F((pts[^1].Value - pts[0].Value) / (pts[^1].At - pts[0].At).TotalSeconds);
                rows.Add([run.RunId.ToString(CultureInfo.InvariantCulture), g.Key.Name, g.Key.Labels,
                    F(pts.Min(p => p.Value)), F(pts.Average(p => p.Value)), F(pts.Max(p => p.Value)), F(pts[^1].Value), rate]);
            }
        }
        var sources = string.Join("; ", runs.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"run {r.RunId}: {r.Series.Url} every {r.Series.Interval.TotalSeconds:0.###} s, {r.Series.Scrapes} scrapes, {r.Series.Failures} failed{(r.Series.LastError is null ? "" : " (" + r.Series.LastError + ")")}")));
        return new TextTable($"Server metrics ({sources})", ["run", "metric", "labels", "min", "mean", "max", "last", "rate /s"], rows);
    }

    private static string F(double v) => double.IsInfinity(v) ? (v > 0 ? "+Inf" : "-Inf") : v.ToString("0.###", CultureInfo.InvariantCulture);
}
