using TokenClock.Core.Results;

namespace TokenClock.Workloads.Summarization;

/// <summary>Mutable bookkeeping of one job while it runs (thread-safe: map calls complete concurrently).</summary>
internal sealed class SummaryJobState(string jobId, long startNs)
{
    private readonly Lock _gate = new();
    private readonly List<(SummaryStage Stage, RequestRecord Record)> _calls = [];

    public string JobId { get; } = jobId;
    public long StartNs { get; } = startNs;
    public long? FirstVisibleNs { get; private set; }
    public RequestRecord? FirstShown { get; private set; }
    public long? FinalVisibleNs { get; private set; }

    public void Add(SummaryStage stage, RequestRecord record, long? visibleNs)
    {
        lock (_gate)
        {
            _calls.Add((stage, record));
            if (stage.Shown && FirstVisibleNs is null && visibleNs is not null)
            {
                FirstVisibleNs = visibleNs;
                FirstShown = record;
            }
            if (stage.IsFinal) FinalVisibleNs = visibleNs;
        }
    }

    public IReadOnlyList<(SummaryStage Stage, RequestRecord Record)> Calls
    {
        get { lock (_gate) return _calls.ToArray(); }
    }
}
