namespace TokenClock.Core.Backends;

/// <summary>
/// One model endpoint that answers one request as a stream of timed events.
/// Implementations timestamp each event where its bytes arrive (see docs/metrics.md) and either
/// yield a <see cref="StreamFailed"/> event or throw; the recorder classifies both.
/// Cancellation throws <see cref="OperationCanceledException"/>; a stream never ends quietly on cancel.
/// </summary>
public interface IBackend : IAsyncDisposable
{
    /// <summary>What this backend is, for labels and storage. Never contains a secret.</summary>
    BackendDescriptor Descriptor { get; }

    /// <summary>Sends one request and yields its events in arrival order.</summary>
    IAsyncEnumerable<BackendEvent> StreamAsync(BackendRequest request, CancellationToken cancellationToken = default);
}
