using System.Runtime.CompilerServices;
using TokenClock.Core.Backends;
using TokenClock.Core.Http;

[assembly: InternalsVisibleTo("TokenClock.Cli.Tests")]

namespace TokenClock.Cli.Infrastructure;

/// <summary>The one place where the CLI's backend kinds are registered (one line per area).</summary>
public static class CliBackends
{
    /// <summary>Tests replace the registry to run the real command against an in-process backend.</summary>
    internal static Func<BackendRegistry>? OverrideForTests { get; set; }

    public static BackendRegistry CreateRegistry()
    {
        if (OverrideForTests is { } factory) return factory();
        var registry = new BackendRegistry();
        HttpBackends.Register(registry);
        TokenClock.Local.Engine.LocalBackends.Register(registry);
        return registry;
    }
}
