using TokenClock.Cli.Tests.Testing;

namespace TokenClock.Cli.Tests;

/// <summary>
/// Runs the real command tree in-process with stdout and stderr captured. Every command writes to the consoles
/// injected through the registrar, so this is <see cref="CliApp"/> (Spectre's CommandAppTester): nothing
/// process-wide is swapped. Tests that replace a process-wide registry (CliBackends.OverrideForTests) still run in
/// <see cref="ConsoleCollection"/>.
/// </summary>
internal static class CliHarness
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(string[] args, CancellationToken ct = default)
    {
        var run = await CliApp.RunAsync(args, cancellationToken: ct);
        return (run.Code, run.Out, run.Err);
    }
}
