using TokenClock.Core.Backends;

namespace TokenClock.Cli.Infrastructure;

/// <summary>
/// MINIMAL PLACEHOLDER from the workloads branch: the backends branch owns the real registry
/// (HTTP clients, simulator, local models). The lead keeps that version at merge.
/// </summary>
public static class CliBackends
{
    public static BackendRegistry CreateRegistry() => new();
}
