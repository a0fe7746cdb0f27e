namespace TokenClock.Reporting.Plots;

/// <summary>One rendered figure in both formats. <see cref="Id"/> is a file-name-safe slug ("latency-vs-tokens").</summary>
public sealed record PlotImage(string Id, string Title, string Caption, byte[] Png, string Svg);
