using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli.Testing;
using Spectre.Console.Testing;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Infrastructure.Composition;

namespace TokenClock.Cli.Tests.Testing;

/// <summary>
/// Runs the real command tree through Spectre's <see cref="CommandAppTester"/> with the production registrar and
/// error handling, stdout and stderr as two test consoles injected into the commands. Nothing process-wide is
/// swapped, so tests using it may run in parallel. The culture is set for this run only (it flows with the
/// async call); unlike the process entry, the tester does not force the invariant culture, so output that follows
/// the current culture shows up.
/// </summary>
internal static class CliApp
{
    public static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static async Task<CliRun> RunAsync(string[] args, CultureInfo? culture = null, Action<IServiceCollection>? services = null,
        bool errorIsTerminal = false, CancellationToken cancellationToken = default, Action<TestConsole, TestConsole>? watch = null)
    {
        var (oldCulture, oldUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture ?? English;
        try
        {
            var stdout = new TestConsole().Width(140);
            var stderr = new TestConsole().Width(140);
            var consoles = new CliConsoles(stdout, stderr, errorIsTerminal);
            watch?.Invoke(stdout, stderr); // a long-running command (serve) is watched while it runs
            if (TokenClockApp.Arguments(args, consoles) is not { } argv) return new CliRun(ExitCodes.BadUsage, Normalize(stdout.Output), Normalize(stderr.Output));
            var tester = new CommandAppTester(TokenClockApp.CreateRegistrar(consoles, services), new CommandAppTesterSettings { TrimConsoleOutput = false }, stdout);
            tester.Configure(config => TokenClockApp.Configure(config, consoles, argv, cancellationToken));
            var result = await tester.RunAsync(argv, cancellationToken);
            return new CliRun(result.ExitCode, Normalize(stdout.Output), Normalize(stderr.Output));
        }
        finally
        {
            CultureInfo.CurrentCulture = oldCulture;
            CultureInfo.CurrentUICulture = oldUi;
        }
    }

    /// <summary>Runs under en-US and de-DE; fails with a line diff unless stdout and the exit code are the same; returns
    /// the en-US run.</summary>
    public static async Task<CliRun> SameUnderBothCulturesAsync(string[] args, Action<IServiceCollection>? services = null)
    {
        var english = await RunAsync(args, English, services);
        var german = await RunAsync(args, German, services);
        Snapshot.Same(english.Out, german.Out, $"'{string.Join(' ', args)}' prints differently under de-DE than under en-US");
        Xunit.Assert.Equal(english.Code, german.Code);
        return english;
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}

/// <summary>What one in-process run left: exit code, stdout and stderr.</summary>
internal sealed record CliRun(int Code, string Out, string Err);
