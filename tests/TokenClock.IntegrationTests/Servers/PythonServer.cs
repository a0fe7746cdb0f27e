using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TokenClock.IntegrationTests.Servers;

/// <summary>
/// A loopback server written outside TokenClock (a Python stdlib script next to this assembly), so the client is
/// checked against a peer it did not write. Its stdout is the log of what it received.
/// </summary>
internal sealed class PythonServer : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PythonServer(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_log) _log.AppendLine(e.Data);
            if (e.Data.StartsWith("listening ", StringComparison.Ordinal))
                _port.TrySetResult(int.Parse(e.Data["listening ".Length..], CultureInfo.InvariantCulture));
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine("stderr: " + e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string BaseUrl { get; private set; } = "";

    public string[] Log { get { lock (_log) return _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); } }

    public static async Task<PythonServer> StartAsync(string script, params string[] args)
    {
        var psi = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-u");
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Servers", script));
        foreach (var a in args) psi.ArgumentList.Add(a);
        var server = new PythonServer(Process.Start(psi) ?? throw new InvalidOperationException("could not start python3"));
        var port = await server._port.Task.WaitAsync(TimeSpan.FromSeconds(30));
        server.BaseUrl = $"http://127.0.0.1:{port}/v1";
        return server;
    }

    public void Dispose()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.WaitForExit(5000);
        _process.Dispose();
    }
}
