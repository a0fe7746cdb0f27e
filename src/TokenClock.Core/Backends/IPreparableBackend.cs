namespace TokenClock.Core.Backends;

/// <summary>
/// A backend that can get ready before anything is measured: run its own code path once without timing it
/// (so no measured request pays for just-in-time compilation) and open connections ahead of the load.
/// Preparation sends no generation request and must not fail a run: a server that cannot be reached shows up
/// in the measured requests, as data.
/// </summary>
public interface IPreparableBackend
{
    /// <summary>Compiles the hot path and opens up to <paramref name="connections"/> connections (at least one).</summary>
    ValueTask PrepareAsync(int connections, CancellationToken cancellationToken);
}
