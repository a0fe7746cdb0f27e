using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using TokenClock.Core.Results;
using TokenClock.IntegrationTests.Support;
using TokenClock.Storage;

namespace TokenClock.IntegrationTests.Processes;

/// <summary>
/// The default `run` starts a `serve --model` child. Whatever ends the parent (SIGKILL, which runs no cleanup,
/// or SIGTERM), the child must not survive it still listening on loopback.
/// </summary>
[Collection(DefaultRunCollection.Name)]
public sealed partial class ChildProcessTests
{
    private static async Task<(int ChildPid, Uri Url)> WaitForServeChild(ChildTokenClock run)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(run.HasExited, "the run ended before its serve child started:\n" + run.Stderr);
            var m = ChildListening().Match(run.Stderr);
            if (m.Success)
            {
                var child = ChildrenOf(run.Id).Single();
                return (child, new Uri(m.Groups[1].Value));
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the serve child did not start in 3 minutes:\n" + run.Stderr);
    }

    /// <summary>Direct children, from /proc (Linux).</summary>
    private static List<int> ChildrenOf(int pid) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0)
            .Where(p => p > 0 && Stat(p) is { } s && s.PPid == pid)
            .ToList();

    private static (char State, int PPid)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (rest[0][0], int.Parse(rest[1], CultureInfo.InvariantCulture));
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>Gone, or a zombie nobody reaped yet (it runs nothing and holds no socket).</summary>
    private static async Task<bool> WaitUntilGone(int pid, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (Stat(pid) is not { } s || s.State is 'Z' or 'X') return true;
            await Task.Delay(100);
        }
        return false;
    }

    private static async Task<bool> Listening(Uri url)
    {
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(url.Host, url.Port).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Sigkill_of_the_default_run_takes_its_serve_child_down_too()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDir("tc-orphan");
        using var run = ChildTokenClock.Start(dir.Path, Path.Combine(dir.Path, "home"), "run", "--db", dir.File("r.db"));
        var (child, url) = await WaitForServeChild(run);
        Assert.True(await Listening(url));

        run.Signal("KILL");

        Assert.True(await WaitUntilGone(child, TimeSpan.FromSeconds(10)), $"serve child {child} outlived its SIGKILLed parent by 10 s");
        Assert.False(await Listening(url), $"{url} still accepts connections");
    }

    [Fact]
    public async Task Sigterm_of_the_default_run_exits_143_marks_the_run_and_stops_the_child()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDir("tc-term");
        using var run = ChildTokenClock.Start(dir.Path, Path.Combine(dir.Path, "home"), "run", "--db", dir.File("r.db"));
        var (child, url) = await WaitForServeChild(run);
        // Let the measurement start so that there is a run to mark.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (StoredRequests.Count(dir.File("r.db")) == 0 && DateTime.UtcNow < deadline)
        {
            Assert.False(run.HasExited, run.Stderr);
            await Task.Delay(100);
        }

        run.Signal("TERM");
        var exit = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exit == 143, $"exit {exit}\n{run.Stderr}");
        Assert.Contains("SIGTERM", run.Stderr, StringComparison.Ordinal);
        Assert.True(await WaitUntilGone(child, TimeSpan.FromSeconds(10)), $"serve child {child} survived SIGTERM of its parent");
        Assert.False(await Listening(url));
        await using var store = await SqliteRunStore.OpenAsync(dir.File("r.db"));
        var stored = Assert.Single(await store.ListRunsAsync());
        Assert.Equal(RunStatus.Interrupted, stored.Status);
        Assert.NotEmpty(await store.GetRequestsAsync(stored.Id));
    }


    [GeneratedRegex(@"serve --model child listening on (http://\S+)")]
    private static partial Regex ChildListening();
}
