namespace TokenClock.Analysis.Slo;

/// <summary>
/// The SLOs of one <c>--slo</c> value. Per-request targets define a good request (it meets every one; a failed
/// request meets none); the series passes them when the share of good requests reaches <see cref="AttainmentTarget"/>.
/// Percentile targets are checked on their own. A series passes when every target passes.
/// </summary>
public sealed record SloSet(IReadOnlyList<SloTarget> Targets, double AttainmentTarget, string Text)
{
    /// <summary>Share of good requests a series needs when none is given (DistServe's 90% convention).</summary>
    public const double DefaultAttainment = 0.90;

    /// <summary>The targets without a percentile: they decide whether a request is good.</summary>
    public IReadOnlyList<SloTarget> PerRequest => Targets.Where(t => t.Percentile is null).ToArray();

    /// <summary>The targets with a percentile, checked on their own.</summary>
    public IReadOnlyList<SloTarget> Percentiles => Targets.Where(t => t.Percentile is not null).ToArray();

    /// <summary>Reads an <c>--slo</c> value such as <c>ttft_p99&lt;=1s,tpot&lt;=50ms,attainment&gt;=95%</c>; throws <see cref="SloFormatException"/>.</summary>
    public static SloSet Parse(string text) => SloParser.Parse(text);

    /// <summary>The value as given.</summary>
    public override string ToString() => Text;
}
