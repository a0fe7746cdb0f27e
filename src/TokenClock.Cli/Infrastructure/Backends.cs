using TokenClock.Core.Backends;
using TokenClock.Core.Http;

namespace TokenClock.Cli.Infrastructure;

/// <summary>
/// The one place the CLI builds its <see cref="BackendRegistry"/>. Each area that provides backend kinds adds
/// one line here (e.g. the local-models area registers kind <c>local</c>).
/// </summary>
public static class Backends
{
    public static BackendRegistry CreateRegistry()
    {
        var registry = new BackendRegistry();
        HttpBackends.Register(registry);
        return registry;
    }
}
