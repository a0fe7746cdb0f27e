using TokenClock.Analysis.Runs;
using TokenClock.Reporting.Plots;

namespace TokenClock.Reporting.Exporters;

/// <summary>What exporters render: the analysis, its figures, and an optional generation time
/// (left null in snapshots so output is byte-stable).</summary>
/// <param name="Analysis">The analyzed runs: series, metrics with CIs, findings.</param>
/// <param name="Plots">The rendered figures, in report order.</param>
/// <param name="GeneratedUtc">When the report was made; null writes no time stamp.</param>
/// <param name="PlotFolder">Folder (relative to the Markdown file) where the PNG/SVG files are written; Markdown links to it.</param>
public sealed record ReportDocument(AnalysisReport Analysis, IReadOnlyList<PlotImage> Plots, DateTimeOffset? GeneratedUtc = null, string PlotFolder = "plots")
{
    /// <summary>Server-side metrics scraped during the runs (empty when none were); drawn beside client latency.</summary>
    public IReadOnlyList<RunServerMetrics> ServerMetrics { get; init; } = [];
    /// <summary>
    /// One sentence per series whose quality scores are not drawn because its text carries no meaning (a latency
    /// twin's random weights, the simulator's filler); see <see cref="PlotOptions.TextNotMeaningful"/>.
    /// </summary>
    public IReadOnlyList<string> QualityHidden { get; init; } = [];
}
