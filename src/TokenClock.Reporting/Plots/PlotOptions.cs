namespace TokenClock.Reporting.Plots;

/// <summary>How report figures are drawn; the defaults suit the Markdown and HTML reports.</summary>
public sealed record PlotOptions
{
    /// <summary>Image width in pixels.</summary>
    public int Width { get; init; } = 900;
    /// <summary>Image height in pixels.</summary>
    public int Height { get; init; } = 520;
    /// <summary>Scatter plots draw at most this many points per series (a deterministic stride sample),
    /// keeping 100,000-request figures fast and the HTML small; fits and statistics use every point.</summary>
    public int MaxPointsPerSeries { get; init; } = 2500;
    /// <summary>Skip SVG rendering (PNG only) when only the HTML/console is wanted.</summary>
    public bool RenderSvg { get; init; } = true;
    /// <summary>
    /// Why a series' output text is not meaningful (e.g. "latency twin 'tiny': random weights"), or null when it is.
    /// Quality-vs-latency leaves such series out, and is not drawn when none is left. The analysis cannot know a
    /// twin or the simulator by itself; the caller that does (the CLI) says.
    /// </summary>
    public Func<Analysis.Runs.SeriesAnalysis, string?>? TextNotMeaningful { get; init; }
}
