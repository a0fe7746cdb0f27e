using System.Text.RegularExpressions;
using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Synthetic;
using TokenClock.Reporting.Exporters;

namespace TokenClock.Reporting.Tests;

/// <summary>One model, one number: the latency-model table and the plot legend show the same overhead for a series.</summary>
public sealed class LatencyModelAgreementTests
{
    [Fact]
    public void Table_and_plot_legend_show_the_same_overhead_when_input_length_enters_the_fit()
    {
        // Long, varying prompts with a per-input-token cost: the intercept at zero input is far from the overhead at
        // the mean input (here ≈ 200 + 0.5·2000 ms = 1.2 s).
        var backend = new SyntheticSeries
        {
            Backend = "b", TtftMs = 200, PerTokenMs = 20, NoiseMs = 10, InputMin = 1000, InputMax = 3000, PerInputTokenMs = 0.5,
        };
        var report = RunAnalyzer.Analyze([SyntheticRunGenerator.Generate(1, "inputs", [backend], 200, seed: 5)],
            new AnalysisOptions { PercentileResamples = 50, FitResamples = 100 });
        var fit = report.Series.Single().TokenFit!;
        Assert.NotNull(fit.InputSlope);

        var markdown = MarkdownReportExporter.Render(new ReportDocument(report, [], DateTimeOffset.UnixEpoch));
        var row = markdown.Split('\n').Single(l => l.Contains("| output_tokens |", StringComparison.Ordinal));
        var tableA = double.Parse(Regex.Match(row, @"\| output_tokens \| ([\d,.-]+) \[").Groups[1].Value.Replace(",", "", StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture);

        var plot = Plots.ReportPlots.CreateAll(report, new Plots.PlotOptions()).Single(p => p.Id == "latency-vs-tokens");
        var legend = Regex.Match(plot.Svg, @"fit: ([\d.-]+) \+").Groups[1].Value;
        var legendA = double.Parse(legend, System.Globalization.CultureInfo.InvariantCulture);

        Assert.InRange(Math.Abs(tableA - legendA), 0, 1.0); // the same number, up to display rounding
        Assert.InRange(tableA, 900, 1500);
        Assert.True(Math.Abs(fit.Intercept - tableA) > 300, "the test needs a fit whose zero-input intercept differs from the overhead");
        Assert.Contains("at mean input", markdown, StringComparison.Ordinal);
    }
}

/// <summary>The ITL CDF says that its axis is clipped, and where.</summary>
public sealed class ItlCdfTests
{
    [Fact]
    public void Itl_cdf_is_clipped_at_p99_9_and_says_so_in_title_axis_and_caption()
    {
        var plot = Plots.ReportPlots.CreateAll(TestRuns.TwoBackends(60), new Plots.PlotOptions()).Single(p => p.Id == "itl-cdf");
        Assert.Contains("clipped at p99.9", plot.Title, StringComparison.Ordinal);
        Assert.Contains("x axis ends at each series' p99.9", plot.Caption, StringComparison.Ordinal);
        Assert.Contains("x axis clipped at p99.9", plot.Svg, StringComparison.Ordinal);
    }
}
