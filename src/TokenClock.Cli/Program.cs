using System.Runtime.InteropServices;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Core.Processes;
using TokenClock.Local.Isolation;

// Before anything opens a socket: the runtime reads this switch once (SocketCompletions says why).
SocketCompletions.Configure(args);

// The process's stdout and stderr: commands get them through the registrar; the signal notes below use the same stderr.
var consoles = CliConsoles.ForProcess();

// Ctrl+C (SIGINT) and SIGTERM cancel the token; commands save what was measured and return ExitCodes.Cancelled,
// which becomes 143 for SIGTERM. A second signal ends the process the usual way.
using var cts = new CancellationTokenSource();
var terminated = 0;
ConsoleCancelEventHandler onCancel = (_, e) =>
{
    if (cts.IsCancellationRequested) return;
    e.Cancel = true;
    cts.Cancel();
};
Console.CancelKeyPress += onCancel;
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    if (cts.IsCancellationRequested) return;
    context.Cancel = true;
    Interlocked.Exchange(ref terminated, 1);
    consoles.ErrorWriter.WriteLine("tokenclock: SIGTERM received; stopping and keeping what was measured.");
    cts.Cancel();
});

// A child started by another tokenclock (serve --model for `run`, local-worker) stops when its parent dies.
var worker = args.Length > 0 && args[0] == WorkerLauncher.WorkerCommand;
ParentWatch.StartIfChild(why =>
{
    consoles.ErrorWriter.WriteLine($"tokenclock: {why}; stopping.");
    cts.Cancel();
    // Whatever does not stop on cancellation in time must not outlive the parent.
    Thread.Sleep(ChildExit.Grace);
    consoles.ErrorWriter.WriteLine("tokenclock: did not stop in time after the parent died; exiting now.");
    Environment.Exit(ExitCodes.Error);
}, watchStdin: !worker);

try
{
    var code = await TokenClockApp.RunAsync(args, consoles, cts.Token);
    return code == ExitCodes.Cancelled && Volatile.Read(ref terminated) == 1 ? ExitCodes.Terminated : code;
}
finally
{
    Console.CancelKeyPress -= onCancel;
}

internal static class ChildExit
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);
}
