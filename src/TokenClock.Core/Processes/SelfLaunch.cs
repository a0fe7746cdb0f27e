using System.Diagnostics;
using System.Text;

namespace TokenClock.Core.Processes;

/// <summary>
/// The one way TokenClock starts a copy of itself (the <c>serve</c> child of <c>run</c>, the <c>local-worker</c>, the
/// benchmarks' simulator, the tests' CLI children): an executable and its arguments, with <c>dotnet exec ASSEMBLY</c>
/// in front when the program is a dll hosted by <c>dotnet</c>. <see cref="Under"/> puts a wrapper (taskset, setpriv)
/// in front; <see cref="StartInfo"/> makes the start info with the streams redirected and the child marked to die
/// with this process (<see cref="ParentWatch"/>).
/// </summary>
public sealed record SelfLaunch(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Re-runs the program this process is running (its entry assembly) with <paramref name="arguments"/>.</summary>
    public static SelfLaunch CurrentProgram(params IEnumerable<string> arguments) =>
        Program(System.Reflection.Assembly.GetEntryAssembly()
            ?? throw new InvalidOperationException("the entry assembly is unknown; start the child with SelfLaunch.Assembly(path)"), arguments);

    /// <summary>
    /// Runs <paramref name="program"/> (an assembly with a Main that takes <paramref name="arguments"/>): through
    /// <c>dotnet exec</c> when this process is hosted by dotnet, else as this process's own executable (an apphost).
    /// </summary>
    public static SelfLaunch Program(System.Reflection.Assembly program, params IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(program);
        var host = Environment.ProcessPath
            ?? throw new InvalidOperationException("the current process path is unknown; start the child with SelfLaunch.Assembly(path)");
        return IsDotnet(host) ? new SelfLaunch(host, ["exec", program.Location, .. arguments]) : new SelfLaunch(host, [.. arguments]);
    }

    /// <summary>Runs the .NET assembly at <paramref name="assemblyPath"/> through <c>dotnet exec</c>.</summary>
    public static SelfLaunch Assembly(string assemblyPath, params IEnumerable<string> arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(assemblyPath);
        var host = Environment.ProcessPath is { } p && IsDotnet(p) ? p : "dotnet";
        return new SelfLaunch(host, ["exec", assemblyPath, .. arguments]);
    }

    /// <summary>The same launch with <paramref name="arguments"/> appended.</summary>
    public SelfLaunch With(params IEnumerable<string> arguments) => this with { Arguments = [.. Arguments, .. arguments] };

    /// <summary>The same launch run by <paramref name="wrapper"/> (e.g. <c>taskset -c 0</c>, <c>setpriv --reuid=…</c>).</summary>
    public SelfLaunch Under(string wrapper, params IEnumerable<string> wrapperArguments) =>
        new(wrapper, [.. wrapperArguments, FileName, .. Arguments]);

    /// <summary>
    /// Start info with stdout (UTF-8) always redirected, stdin and stderr as asked (a redirected stream nobody reads
    /// can fill and stall the child), no shell, no window; marked for <see cref="ParentWatch"/> unless told not to.
    /// </summary>
    public ProcessStartInfo StartInfo(bool redirectInput = true, bool redirectError = true, bool watchParent = true)
    {
        var info = new ProcessStartInfo(FileName)
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = redirectError,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        if (redirectInput) info.StandardInputEncoding = new UTF8Encoding(false);
        if (redirectError) info.StandardErrorEncoding = Encoding.UTF8;
        foreach (var a in Arguments) info.ArgumentList.Add(a);
        // The child dies with this process even if this one is killed with SIGKILL.
        if (watchParent) ParentWatch.MarkChild(info);
        return info;
    }

    private static bool IsDotnet(string path) =>
        Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
}
