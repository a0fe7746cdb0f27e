using TokenClock.Core.Results;

namespace TokenClock.Analysis.Statistics;

/// <summary>
/// One metric of docs/metrics.md: its stable JSON name (e.g. <c>ttft_ms</c>), unit, direction and how to read
/// it from a request. Per-request metrics yield at most one value; ITL yields one sample per token.
/// </summary>
public sealed record MetricDefinition(
    string Name,
    string Label,
    string Unit,
    bool LowerIsBetter,
    Func<RequestRecord, double?>? PerRequest,
    Func<RequestRecord, IEnumerable<double>>? Samples = null)
{
    /// <summary>True for time metrics (unit ms).</summary>
    public bool IsLatency => Unit == "ms";

    /// <summary>Appends the metric's finite value (or, for ITL, its samples) of <paramref name="record"/> to <paramref name="into"/>.</summary>
    public void AddValues(RequestRecord record, List<double> into)
    {
        if (PerRequest is not null)
        {
            if (PerRequest(record) is { } v && double.IsFinite(v)) into.Add(v);
        }
        else if (Samples is not null)
        {
            into.AddRange(Samples(record));
        }
    }
}
