using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Core.Security;

namespace TokenClock.Cli.Infrastructure;

/// <summary>Builds the command tree. Each feature area registers its commands in one line here.</summary>
public static class TokenClockApp
{
    public static async Task<int> RunAsync(string[] args, CliConsoles consoles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consoles);
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

        if (Arguments(args, consoles) is not { } argv) return ExitCodes.BadUsage;
        var app = new CommandApp(CreateRegistrar(consoles));
        app.Configure(config => Configure(config, consoles, argv, cancellationToken));
        return await app.RunAsync(argv, cancellationToken);
    }

    /// <summary>The arguments as the command tree parses them (old spellings rewritten), or null when an old spelling
    /// is refused (the message, naming the new command, is on stderr).</summary>
    public static string[]? Arguments(string[] args, CliConsoles consoles)
    {
        ArgumentNullException.ThrowIfNull(consoles);
        try
        {
            return LegacySpellings.Rewrite(args);
        }
        catch (UsageException ex)
        {
            WriteError(consoles.ErrorWriter, ex.Message);
            return null;
        }
    }

    /// <summary>The registrar with the consoles and registries commands take through their constructors.</summary>
    /// <param name="services">Tests replace registrations here (e.g. a registry of in-process backends).</param>
    public static ITypeRegistrar CreateRegistrar(CliConsoles consoles, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(consoles);
        var collection = new ServiceCollection();
        collection.AddSingleton(consoles);
        collection.AddSingleton(_ => CliBackends.CreateRegistry());
        collection.AddSingleton(_ => new CliTokenizers(consoles.ErrorWriter));
        collection.AddSingleton(sp => CliWorkloads.CreateRegistry(consoles.ErrorWriter, sp.GetRequiredService<CliTokenizers>()));
        services?.Invoke(collection);
        return new ServiceCollectionRegistrar(collection);
    }

    /// <summary>The command tree and its error handling; shared by the process entry and the in-process tests
    /// (Spectre's CommandAppTester), so both run the same exit codes and messages.</summary>
    /// <param name="args">The arguments as parsed (after <see cref="LegacySpellings.Rewrite"/>), to name a bad value.</param>
    public static void Configure(IConfigurator config, CliConsoles consoles, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(consoles);
        config.SetApplicationName("tokenclock");
        config.Settings.Console = consoles.Out;
        config.ValidateExamples();
        config.SetExceptionHandler((ex, _) => ExitCodeOf(ex, consoles.ErrorWriter, args, cancellationToken));
        Register(config);
    }

    private static int ExitCodeOf(Exception ex, TextWriter stderr, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        switch (ex)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                // stderr: after Ctrl+C stdout must stay empty or one JSON document (--json).
                WriteError(stderr, "Cancelled. Finished requests were kept.", "");
                return ExitCodes.Cancelled;
            case CommandAppException:
                WriteError(stderr, OptionValueErrors.Explain(ex.Message, args) ?? ex.Message);
                return ExitCodes.BadUsage;
            case UsageException:
                WriteError(stderr, ex.Message);
                return ExitCodes.BadUsage;
            default:
                // A library error about a setting names it by key; the user sees the flag.
                WriteError(stderr, CliSettingNames.Describe(ex));
                return ExitCodes.Error;
        }
    }

    // Errors go to stderr so that --json output on stdout stays one clean document.
    // Messages may quote a server's reply or a URL: known secrets and secret query values are masked first.
    private static void WriteError(TextWriter stderr, string message, string prefix = "error: ")
    {
        stderr.WriteLine(prefix + SecretRedactor.Redact(message));
        stderr.Flush();
    }

    private static void Register(IConfigurator config)
    {
        // One line per feature area (keeps merges trivial).
        Commands.Run.RunCommands.Register(config);
        Commands.Summarize.SummarizeCommands.Register(config);
        Commands.Predict.PredictCommands.Register(config);
        Commands.Report.ReportCommands.Register(config);
        Commands.Serve.ServeCommands.Register(config);
        Commands.Local.LocalCommands.Register(config);
        Commands.Route.RouteCommands.Register(config);
        Commands.Worker.WorkerCommands.Register(config);
        Commands.Capacity.CapacityCommands.Register(config);
    }
}
