using TokenClock.Core.Backends;
using TokenClock.Local.Isolation;

namespace TokenClock.Local.Engine;

/// <summary>Registers the <c>local</c> backend kind.</summary>
public static class LocalBackends
{
    public static BackendRegistry Register(BackendRegistry registry, WorkerLauncher? launcher = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Add(new LocalBackendFactory(launcher));
    }
}
