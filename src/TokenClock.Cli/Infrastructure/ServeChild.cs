using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using TokenClock.Core.Processes;

namespace TokenClock.Cli.Infrastructure;

/// <summary>
/// A <c>tokenclock serve</c> child process on a free loopback port, started and stopped by this process, so the
/// HTTP path is measured against a real server in another process (as a user would run it).
/// </summary>
internal sealed partial class ServeChild : IAsyncDisposable
{
    private readonly Process _process;

    private ServeChild(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>Server root, e.g. http://127.0.0.1:41234; the OpenAI base URL is this plus /v1.</summary>
    public Uri BaseUrl { get; }

    public static async Task<ServeChild> StartAsync(IReadOnlyList<string> serveArguments, TimeSpan startLimit, CancellationToken cancellationToken)
    {
        // The child watches this process (PID and the stdin pipe) and stops if it dies, even by SIGKILL.
        var info = SelfLaunch.Program(Assembly.GetEntryAssembly() ?? typeof(ServeChild).Assembly,
            ["serve", .. serveArguments, "--host", "127.0.0.1", "--port", "0"]).StartInfo();

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start 'tokenclock serve'");
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) log.AppendLine(e.Data);
            var m = Listening().Match(e.Data);
            if (m.Success) address.TrySetResult(new Uri(m.Groups[1].Value));
        };
        process.OutputDataReceived += (_, _) => { };
        process.Exited += (_, _) => address.TrySetException(new InvalidOperationException(
            $"'tokenclock serve' exited with code {SafeExitCode(process)} before listening:\n{Snapshot(log)}"));
        process.EnableRaisingEvents = true;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        try
        {
            var url = await address.Task.WaitAsync(startLimit, cancellationToken).ConfigureAwait(false);
            return new ServeChild(process, url);
        }
        catch
        {
            Stop(process);
            process.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop(_process);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static string Snapshot(System.Text.StringBuilder log) { lock (log) return log.ToString(); }

    private static string SafeExitCode(Process p)
    {
        try { return p.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture); }
        catch (InvalidOperationException) { return "?"; }
    }

    [GeneratedRegex(@"listening on (http://[^\s]+)")]
    private static partial Regex Listening();
}
