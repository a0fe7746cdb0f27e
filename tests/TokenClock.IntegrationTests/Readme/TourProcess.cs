using System.Diagnostics;
using System.Text;
using TokenClock.IntegrationTests.Support;

namespace TokenClock.IntegrationTests.Readme;

/// <summary>One tour line in bash, with `tokenclock` the built CLI; output kept per stream.</summary>
internal sealed class TourProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TourProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }
    public int? ExitCodeOrNull => _process.HasExited ? _process.ExitCode : null;

    public static TourProcess Start(string script, string workDir, string home)
    {
        var psi = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workDir,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        psi.Environment["TOKENCLOCK_DLL"] = ChildTokenClock.ExecutablePath;
        psi.Environment["TOKENCLOCK_HOME"] = home;
        psi.Environment["DOTNET_NOLOGO"] = "1";
        // A fresh user has no keys: a tour command must not depend on one found in the test's environment.
        foreach (var key in psi.Environment.Keys.Where(k => k.EndsWith("_API_KEY", StringComparison.Ordinal)).ToArray()) psi.Environment.Remove(key);
        return new TourProcess(Process.Start(psi) ?? throw new InvalidOperationException("could not start bash"));
    }

    /// <summary>A background server is ready when it says so ("listening on …", "… ready").</summary>
    public async Task<bool> WaitReadyAsync(TimeSpan limit)
    {
        var exited = _process.WaitForExitAsync();
        var done = await Task.WhenAny(_ready.Task, exited, Task.Delay(limit));
        return done == _ready.Task;
    }

    /// <summary>The exit code, or null when it ran past the limit (then it is killed).</summary>
    public async Task<int?> WaitAsync(TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            return null;
        }
        _process.WaitForExit(); // flush the output readers
        return _process.ExitCode;
    }

    private void Append(StringBuilder to, string? line)
    {
        if (line is null) return;
        lock (to) to.AppendLine(line);
        if (line.Contains("listening on", StringComparison.Ordinal) || line.Contains(" ready", StringComparison.Ordinal)) _ready.TrySetResult();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // exited meanwhile
        }
        _process.Dispose();
    }
}
