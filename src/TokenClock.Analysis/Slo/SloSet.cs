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

    public IReadOnlyList<SloTarget> PerRequest => Targets.Where(t => t.Percentile is null).ToArray();

    public IReadOnlyList<SloTarget> Percentiles => Targets.Where(t => t.Percentile is not null).ToArray();

    public static SloSet Parse(string text) => SloParser.Parse(text);

    public override string ToString() => Text;
}
