namespace TokenClock.Reporting.Tests;

public sealed class PlotSelectionTests
{
    [Fact]
    public void Quality_plot_appears_only_when_scores_exist_and_load_steps_become_points()
    {
        var plain = TestRuns.Fast with { WithScores = false };
        var steps = new[] { "1", "4", "16" }.Select((c, i) =>
            Analysis.Synthetic.SyntheticRunGenerator.Generate(20 + i, "sweep", [plain with { Tags = new Dictionary<string, string> { ["concurrency"] = c } }], 40, seed: (ulong)i));
        var report = Analysis.Runs.RunAnalyzer.Analyze(steps.ToArray(), new Analysis.Runs.AnalysisOptions { PercentileResamples = 50, FitResamples = 30 });

        var plots = Plots.ReportPlots.CreateAll(report, new Plots.PlotOptions { RenderSvg = false });

        Assert.DoesNotContain(plots, p => p.Id == "quality-vs-latency");
        Assert.Contains(plots, p => p.Id == "throughput-vs-latency");
        Assert.Equal(new[] { "concurrency=1", "concurrency=4", "concurrency=16" }, report.Series.Select(s => s.LoadTag ?? "").ToArray());
    }
}
