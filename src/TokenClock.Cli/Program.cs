using Spectre.Console;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure;

// Ctrl+C cancels the token; commands save what was measured and return ExitCodes.Cancelled.
using var cts = new CancellationTokenSource();
ConsoleCancelEventHandler onCancel = (_, e) =>
{
    if (cts.IsCancellationRequested) return; // a second Ctrl+C kills the process the usual way
    e.Cancel = true;
    cts.Cancel();
};
Console.CancelKeyPress += onCancel;
try
{
    var console = AnsiConsole.Console;
    // Redirected output has no terminal width; Spectre would assume 80 columns and wrap every table cell.
    if (Console.IsOutputRedirected) console.Profile.Width = 140;
    return await TokenClockApp.RunAsync(args, console, cts.Token);
}
finally
{
    Console.CancelKeyPress -= onCancel;
}
