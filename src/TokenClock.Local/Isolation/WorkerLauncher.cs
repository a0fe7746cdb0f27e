using System.Diagnostics;
using System.Reflection;

namespace TokenClock.Local.Isolation;

/// <summary>
/// How to start a worker child: an executable and the arguments that select the worker command.
/// <see cref="ForCurrentProcess"/> re-runs this program (the tokenclock CLI) as <c>local-worker</c>.
/// </summary>
public sealed record WorkerLauncher(string FileName, IReadOnlyList<string> Arguments)
{
    public const string WorkerCommand = "local-worker";

    /// <summary>Re-runs the current program with <c>local-worker</c> (via <c>dotnet</c> when run from a dll).</summary>
    public static WorkerLauncher ForCurrentProcess()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("the current process path is unknown; pass a WorkerLauncher explicitly");
        if (Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            var entry = Assembly.GetEntryAssembly()?.Location
                ?? throw new InvalidOperationException("the entry assembly is unknown; pass a WorkerLauncher explicitly");
            return new WorkerLauncher(process, ["exec", entry, WorkerCommand]);
        }
        return new WorkerLauncher(process, [WorkerCommand]);
    }

    /// <summary>Runs <paramref name="assemblyPath"/> (a .dll with a worker entry point) through dotnet.</summary>
    public static WorkerLauncher ForAssembly(string assemblyPath) =>
        new(Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet", ["exec", assemblyPath, WorkerCommand]);

    internal ProcessStartInfo StartInfo()
    {
        var info = new ProcessStartInfo(FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
        };
        foreach (var a in Arguments) info.ArgumentList.Add(a);
        // The worker dies with this process even if this one is killed with SIGKILL.
        ParentWatch.MarkChild(info);
        return info;
    }
}
