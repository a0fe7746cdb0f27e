using TokenClock.Core.Backends;
using TokenClock.Local.Isolation;

namespace TokenClock.Local.Engine;

/// <summary>Registers the <c>local</c> backend kind.</summary>
public static class LocalBackends
{
    /// <summary>Adds the <c>local</c> factory to <paramref name="registry"/>; <paramref name="launcher"/> starts the
    /// child process of isolated models (null: this program re-run as <see cref="WorkerLauncher.WorkerCommand"/>).</summary>
    public static BackendRegistry Register(BackendRegistry registry, WorkerLauncher? launcher = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Add(new LocalBackendFactory(launcher));
    }
}
