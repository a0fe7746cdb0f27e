namespace TokenClock.Analysis.Slo;

/// <summary>
/// A series judged against an <see cref="SloSet"/>. Good requests meet every per-request objective;
/// <see cref="GoodputRps"/> is good requests per second of the series' wall window (first send to last end of its
/// measured requests), vLLM's goodput. <see cref="Passed"/> uses point estimates; <see cref="Certainty"/> asks the
/// 95% Wilson intervals (Pass only when every objective passes with confidence, Fail when any fails with it).
/// </summary>
public sealed record SloEvaluation(
    string Series,
    int Requests,
    int Good,
    double Attainment,
    ShareInterval AttainmentInterval,
    double AttainmentTarget,
    bool HasPerRequestTargets,
    double WindowSeconds,
    double? GoodputRps,
    IReadOnlyList<SloTargetResult> Targets,
    bool Passed,
    SloCertainty Certainty)
{
    /// <summary>The objectives that failed on point estimates, as written (e.g. <c>ttft_p99&lt;=1s</c>).</summary>
    public IReadOnlyList<string> Failed =>
        [.. HasPerRequestTargets && Attainment < AttainmentTarget ? [$"attainment>={AttainmentTarget * 100:0.##}%"] : Array.Empty<string>(),
         .. Targets.Where(t => t.Target.Percentile is not null && !t.Passed).Select(t => t.Target.Text)];
}
