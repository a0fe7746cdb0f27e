using Microsoft.Extensions.DependencyInjection;
using TokenClock.Cli.Tests.Testing;
using TokenClock.Core.Backends;
using TokenClock.Tests.Support;

namespace TokenClock.Cli.Tests;

/// <summary>
/// Runs the real command tree in-process with stdout and stderr captured. Every command writes to the consoles
/// injected through the registrar, so this is <see cref="CliApp"/> (Spectre's CommandAppTester): nothing
/// process-wide is swapped.
/// </summary>
internal static class CliHarness
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(string[] args, CancellationToken ct = default)
    {
        var run = await CliApp.RunAsync(args, cancellationToken: ct);
        return (run.Code, run.Out, run.Err);
    }

    /// <summary>With the scripted backend (kind <c>scripted</c>) as the only backend kind, injected through the
    /// registrar (the process-wide registry is not touched).</summary>
    public static async Task<(int Code, string Out, string Err)> RunScriptedAsync(string[] args, CancellationToken ct = default)
    {
        var run = await CliApp.RunAsync(args, cancellationToken: ct,
            services: s => s.AddSingleton(new BackendRegistry().Add(new ScriptedBackendFactory())));
        return (run.Code, run.Out, run.Err);
    }
}
