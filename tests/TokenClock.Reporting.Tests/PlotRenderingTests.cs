using TokenClock.Reporting.Plots;

namespace TokenClock.Reporting.Tests;

public sealed class PlotRenderingTests
{
    [Fact]
    public void Every_plot_renders_a_png_and_an_svg()
    {
        var report = TestRuns.TwoBackends();

        var plots = ReportPlots.CreateAll(report);

        Assert.Equal(
            ["latency-vs-tokens", "latency-vs-chars", "ttft-cdf", "itl-cdf", "e2e-box", "ttft-box", "latency-over-time", "throughput-vs-latency", "quality-vs-latency"],
            plots.Select(p => p.Id).ToArray());
        foreach (var p in plots)
        {
            // PNG signature, then a real image (not a blank few hundred bytes).
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, p.Png.Take(4).ToArray());
            Assert.True(p.Png.Length > 10_000, $"{p.Id}: PNG only {p.Png.Length} bytes");
            Assert.Contains("<svg", p.Svg);
            Assert.Contains("study-replication", p.Svg);
        }
        var dir = Environment.GetEnvironmentVariable("TOKENCLOCK_PLOT_DIR");
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
            foreach (var p in plots) File.WriteAllBytes(Path.Combine(dir, p.Id + ".png"), p.Png);
        }
    }
}
