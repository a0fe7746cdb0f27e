using System.Diagnostics;
using TokenClock.Core.Processes;

namespace TokenClock.Local.Isolation;

/// <summary>
/// How to start a worker child: a <see cref="SelfLaunch"/> whose arguments select the worker command.
/// <see cref="ForCurrentProcess"/> re-runs this program (the tokenclock CLI) as <c>local-worker</c>.
/// </summary>
public sealed record WorkerLauncher(SelfLaunch Launch)
{
    /// <summary>The hidden CLI command that runs <see cref="LocalWorker"/>.</summary>
    public const string WorkerCommand = "local-worker";

    /// <summary>Re-runs the current program with <c>local-worker</c> (via <c>dotnet exec</c> when run from a dll).</summary>
    public static WorkerLauncher ForCurrentProcess() => new(SelfLaunch.CurrentProgram(WorkerCommand));

    /// <summary>Runs <paramref name="assemblyPath"/> (a .dll with a worker entry point) through dotnet.</summary>
    public static WorkerLauncher ForAssembly(string assemblyPath) => new(SelfLaunch.Assembly(assemblyPath, WorkerCommand));

    internal ProcessStartInfo StartInfo() => Launch.StartInfo();
}
