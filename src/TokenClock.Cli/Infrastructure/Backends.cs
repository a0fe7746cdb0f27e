using System.Runtime.CompilerServices;
using TokenClock.Core.Backends;
using TokenClock.Core.Http;

[assembly: InternalsVisibleTo("TokenClock.Cli.Tests")]

namespace TokenClock.Cli.Infrastructure;

/// <summary>The one place where the CLI's backend kinds are registered (one line per area). Commands get the registry
/// through the type registrar; tests register their own there (e.g. the scripted backend).</summary>
public static class CliBackends
{
    public static BackendRegistry CreateRegistry()
    {
        var registry = new BackendRegistry();
        HttpBackends.Register(registry);
        TokenClock.Local.Engine.LocalBackends.Register(registry);
        return registry;
    }
}
