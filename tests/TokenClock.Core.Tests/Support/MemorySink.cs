using System.Collections.Concurrent;
using TokenClock.Core.Results;

namespace TokenClock.Tests.Support;

/// <summary>Result sink that keeps everything in memory (engine tests; storage has its own real-file tests).</summary>
public sealed class MemorySink : IResultSink
{
    public ConcurrentQueue<RequestRecord> Records { get; } = new();
    public RunInfo? Run { get; private set; }
    public RunStatus? FinalStatus { get; private set; }

    public ValueTask<long> StartRunAsync(RunInfo run, CancellationToken cancellationToken = default)
    {
        Run = run;
        return ValueTask.FromResult(7L);
    }

    public ValueTask AppendAsync(long runId, RequestRecord record, CancellationToken cancellationToken = default)
    {
        Records.Enqueue(record);
        return ValueTask.CompletedTask;
    }

    public ValueTask AppendJobAsync(long runId, JobRecord job, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask FinishRunAsync(long runId, RunStatus status, CancellationToken cancellationToken = default)
    {
        FinalStatus = status;
        return ValueTask.CompletedTask;
    }
}
