using TokenClock.Core.Backends;
using TokenClock.Core.Results;

namespace TokenClock.Core.Telemetry;

/// <summary>
/// A result sink that stores through its inner sink and then emits each stored request through
/// <see cref="RunTelemetry"/>: what a dashboard sees is exactly what the run stored, and storage never waits on
/// an exporter (the SDK's exporters batch on their own threads).
/// </summary>
/// <param name="inner">The sink that stores; each request is emitted only after it stored it.</param>
/// <param name="telemetry">Emits the stored requests.</param>
/// <param name="backendOf">The backend options behind a record's series label, for provider and server attributes.</param>
public sealed class TelemetryResultSink(IResultSink inner, RunTelemetry telemetry, Func<string, BackendOptions?> backendOf) : IResultSink
{
    private DateTimeOffset _started;

    /// <inheritdoc/>
    public async ValueTask<long> StartRunAsync(RunInfo run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        _started = run.StartedUtc;
        return await inner.StartRunAsync(run, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask AppendAsync(long runId, RequestRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await inner.AppendAsync(runId, record, cancellationToken).ConfigureAwait(false);
        telemetry.Record(record, _started, backendOf(record.Backend));
    }

    /// <inheritdoc/>
    public async ValueTask AppendBatchAsync(long runId, IReadOnlyList<RequestRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await inner.AppendBatchAsync(runId, records, cancellationToken).ConfigureAwait(false);
        foreach (var record in records) telemetry.Record(record, _started, backendOf(record.Backend));
    }

    /// <inheritdoc/>
    public ValueTask AppendJobAsync(long runId, JobRecord job, CancellationToken cancellationToken = default) =>
        inner.AppendJobAsync(runId, job, cancellationToken);

    /// <inheritdoc/>
    public ValueTask FinishRunAsync(long runId, RunStatus status, CancellationToken cancellationToken = default) =>
        inner.FinishRunAsync(runId, status, cancellationToken);
}
