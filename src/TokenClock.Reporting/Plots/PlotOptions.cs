namespace TokenClock.Reporting.Plots;

public sealed record PlotOptions
{
    public int Width { get; init; } = 900;
    public int Height { get; init; } = 520;
    /// <summary>Scatter plots draw at most this many points per series (a deterministic stride sample),
    /// keeping 100,000-request figures fast and the HTML small; fits and statistics use every point.</summary>
    public int MaxPointsPerSeries { get; init; } = 2500;
    /// <summary>Skip SVG rendering (PNG only) when only the HTML/console is wanted.</summary>
    public bool RenderSvg { get; init; } = true;
}
