using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using TokenClock.Core.Security;

namespace TokenClock.Cli.Infrastructure;

/// <summary>Builds the command tree. Each feature area registers its commands in one line here.</summary>
public static class TokenClockApp
{
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, CancellationToken cancellationToken)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("tokenclock");
            config.Settings.Console = console;
            config.PropagateExceptions();
            config.ValidateExamples();
            Register(config);
        });

        try
        {
            return await app.RunAsync(LegacySpellings.Rewrite(args), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stderr: after Ctrl+C stdout must stay empty or one JSON document (--json).
            WriteError("Cancelled. Finished requests were kept.", "");
            return ExitCodes.Cancelled;
        }
        catch (CommandAppException ex)
        {
            WriteError(OptionValueErrors.Explain(ex.Message, args) ?? ex.Message);
            return ExitCodes.BadUsage;
        }
        catch (UsageException ex)
        {
            WriteError(ex.Message);
            return ExitCodes.BadUsage;
        }
        catch (Exception ex)
        {
            // A library error about a setting names it by key; the user sees the flag.
            WriteError(CliSettingNames.Describe(ex));
            return ExitCodes.Error;
        }
    }

    // Errors go to stderr so that --json output on stdout stays one clean document.
    // Messages may quote a server's reply or a URL: known secrets and secret query values are masked first.
    private static void WriteError(string message, string prefix = "error: ") => Console.Error.WriteLine(prefix + SecretRedactor.Redact(message));

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
