using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

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
            return await app.RunAsync(args, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]Cancelled.[/] Finished requests were kept.");
            return ExitCodes.Cancelled;
        }
        catch (CommandAppException ex)
        {
            WriteError(ex.Message);
            return ExitCodes.BadUsage;
        }
        catch (UsageException ex)
        {
            WriteError(ex.Message);
            return ExitCodes.BadUsage;
        }
        catch (Exception ex)
        {
            WriteError(ex.Message);
            return ExitCodes.Error;
        }
    }

    // Errors go to stderr so that --json output on stdout stays one clean document.
    private static void WriteError(string message) => Console.Error.WriteLine($"error: {message}");

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
    }
}
