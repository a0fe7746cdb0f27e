namespace TokenClock.Core.Backends;

/// <summary>Base for decorators (recording, rate limiting, retries for non-measurement use).</summary>
public abstract class DelegatingBackend(IBackend inner) : IBackend, IPreparableBackend
{
    /// <summary>The decorated backend every call passes to.</summary>
    protected IBackend Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc/>
    public virtual BackendDescriptor Descriptor => Inner.Descriptor;

    /// <inheritdoc/>
    public virtual IAsyncEnumerable<BackendEvent> StreamAsync(BackendRequest request, CancellationToken cancellationToken = default) =>
        Inner.StreamAsync(request, cancellationToken);

    /// <summary>Preparation passes through to the decorated backend when it supports it.</summary>
    public virtual ValueTask PrepareAsync(int connections, CancellationToken cancellationToken) =>
        Inner is IPreparableBackend preparable ? preparable.PrepareAsync(connections, cancellationToken) : ValueTask.CompletedTask;

    /// <inheritdoc/>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return Inner.DisposeAsync();
    }
}
