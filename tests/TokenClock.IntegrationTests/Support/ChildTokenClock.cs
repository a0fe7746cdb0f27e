using System.Diagnostics;
using System.Text;
using TokenClock.Core.Processes;

namespace TokenClock.IntegrationTests.Support;

/// <summary>The real tokenclock executable in a child process, with its own TOKENCLOCK_HOME and working folder.</summary>
internal sealed class ChildTokenClock : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private ChildTokenClock(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>
    /// The CLI's own build output (bin/CONFIG/net10.0/linux-x64): its deps.json resolves native libraries
    /// (SQLite, llama.cpp) from its own folder, which the copy next to this test assembly cannot.
    /// </summary>
    public static string ExecutablePath { get; } = FindExecutable();

    private static string FindExecutable()
    {
        var baseDir = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var configuration = Path.GetFileName(Path.GetDirectoryName(baseDir)!); // .../bin/Release/net10.0
        for (var dir = new DirectoryInfo(baseDir); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "TokenClock.slnx"))) continue;
            var cli = Path.Combine(dir.FullName, "src", "TokenClock.Cli", "bin", configuration, "net10.0", "linux-x64", "tokenclock.dll");
            if (File.Exists(cli)) return cli;
            break;
        }
        return Path.Combine(AppContext.BaseDirectory, "tokenclock.dll");
    }

    public static ChildTokenClock Start(string workDir, string home, params string[] args)
    {
        var psi = SelfLaunch.Assembly(ExecutablePath, args).StartInfo(watchParent: false);
        psi.WorkingDirectory = workDir;
        psi.Environment["TOKENCLOCK_HOME"] = home;
        psi.Environment["DOTNET_NOLOGO"] = "1";
        return new ChildTokenClock(Process.Start(psi) ?? throw new InvalidOperationException("could not start tokenclock"));
    }

    public async Task<int> WaitAsync(TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"tokenclock did not exit within {limit}; stderr:\n{Stderr}");
        }
        _process.WaitForExit(); // flush the async output readers
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no handler runs, nothing is flushed; the database must survive on its own.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGKILL of this process alone: its children must notice on their own.</summary>
    public void KillAlone() => _process.Kill(entireProcessTree: false);

    /// <summary>SIGINT, as Ctrl+C in a terminal sends.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false });
        kill?.WaitForExit();
    }

    /// <summary>Sends a signal (e.g. "TERM", "KILL") to this process only, not to its children.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false });
        kill?.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
