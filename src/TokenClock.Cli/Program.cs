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
    return await TokenClockApp.RunAsync(args, AnsiConsole.Console, cts.Token);
}
finally
{
    Console.CancelKeyPress -= onCancel;
}
