using System.Text.Json;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.IntegrationTests.Support;
using TokenClock.Storage;

namespace TokenClock.IntegrationTests.Servers;

/// <summary>
/// The keep-alive trap that cost a Python client ~30% of its requests against llama-server: a server that closes
/// idle keep-alive connections without saying so. TokenClock must never send on a connection the server has
/// already closed, and must never resend quietly a request that did reach the server.
/// </summary>
public sealed class KeepAliveTests
{
    [Fact]
    public async Task A_connection_the_server_closed_while_idle_is_never_reused()
    {
        using var server = await PythonServer.StartAsync("keepalive_server.py", "idle", "40");
        using var dir = new TempDir("tc-keepalive");
        var requests = await RunAsync(dir, server, "--rate", "8", "--arrival", "constant");

        // 125 ms between sends, connections closed 40 ms after each answer: every send finds its connection gone.
        // A loaded machine can delay the server's close timer into the next send: that race may cost one request.
        var failed = requests.Where(r => !r.Succeeded).ToArray();
        Assert.True(failed.Length <= 1, string.Join('\n', failed.Select(r => $"request {r.Index}: {r.Error} {r.ErrorMessage}")) + "\n" + string.Join('\n', server.Log));
        Assert.Equal(requests.Count - failed.Length, server.Log.Count(l => l.StartsWith("request ", StringComparison.Ordinal)));
        // Each connection the server closed while idle carried no request after its close.
        var closed = server.Log.Where(l => l.StartsWith("closed-idle ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).ToHashSet();
        Assert.True(closed.Count >= requests.Count - 1, "the server should have closed almost every connection while idle:\n" + string.Join('\n', server.Log));
        foreach (var conn in closed)
        {
            var closedAt = Array.IndexOf(server.Log, $"closed-idle {conn}");
            Assert.DoesNotContain(server.Log.Skip(closedAt), l => l.StartsWith($"request {conn} ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_request_dropped_after_it_reached_the_server_is_a_disconnect_and_is_not_resent()
    {
        using var server = await PythonServer.StartAsync("keepalive_server.py", "drop2");
        using var dir = new TempDir("tc-keepalive-drop");
        var requests = await RunAsync(dir, server);

        // Back to back on one connection: every second request on a connection is read in full, then dropped.
        var dropped = server.Log.Count(l => l.StartsWith("dropped ", StringComparison.Ordinal));
        Assert.True(dropped >= 2, string.Join('\n', server.Log));
        // Each drop is stored as a disconnect, and no request reached the server twice: a dropped request was not
        // resent on a new connection (that would be a success here, and an extra generation on a real server).
        Assert.Equal(dropped, requests.Count(r => r.Error == ErrorClass.Disconnect));
        Assert.All(requests.Where(r => !r.Succeeded), r => Assert.Equal(ErrorClass.Disconnect, r.Error));
        Assert.Equal(requests.Count, server.Log.Count(l => l.StartsWith("request ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_request_reset_unread_by_a_connection_the_server_just_closed_is_sent_again_and_counted()
    {
        using var server = await PythonServer.StartAsync("keepalive_server.py", "close");
        using var dir = new TempDir("tc-keepalive-close");
        // Closed loop, one stream: each request follows the last answer at once, racing the server's FIN.
        var (requests, json) = await RunWithJsonAsync(dir, server, 120, "--concurrency", "1");

        // Only a reset proves the request unread. When the server's FIN reaches the client before the reset, the
        // client sees the response end without a byte, which a server that read the request and hung up would
        // also cause: that stays a disconnect (about 1 in 200 here).
        var failed = requests.Where(r => !r.Succeeded).ToArray();
        Assert.All(failed, r => Assert.Equal(ErrorClass.Disconnect, r.Error));
        Assert.True(failed.Length <= requests.Count / 20, $"{failed.Length} of {requests.Count} failed");
        // The server generated exactly once per successful request: no resend was of a request it had read.
        Assert.Equal(requests.Count - failed.Length, server.Log.Count(l => l.StartsWith("request ", StringComparison.Ordinal)));
        var resent = requests.Count(r => r.Tags.ContainsKey("resent_after_reset"));
        Assert.True(resent >= 1, "no request met the race in 120 tries; the test proves nothing this time");
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("id").GetString() == "TC015");
        Assert.Contains($"{resent} of ", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<(IReadOnlyList<RequestRecord> Records, JsonDocument Json)> RunWithJsonAsync(TempDir dir, PythonServer server, int count, params string[] load)
    {
        var db = dir.File("k.db");
        string[] args = ["run", "--backend", "openai-compatible", "--base-url", server.BaseUrl, "--model", "m", "--prompt", "hi",
            "--max-tokens", "3", "--requests", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--warmup", "0", "--db", db, "--json", .. load];
        using var child = ChildTokenClock.Start(dir.Path, dir.Path, args);
        var exit = await child.WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(exit == 0, $"exit {exit}\n{child.Stderr}");
        await using var store = await SqliteRunStore.OpenAsync(db);
        var run = Assert.Single(await store.ListRunsAsync());
        var records = await store.GetRequestsAsync(run.Id);
        Assert.Equal(count, records.Count);
        return (records, JsonDocument.Parse(child.Stdout));
    }

    private static async Task<IReadOnlyList<RequestRecord>> RunAsync(TempDir dir, PythonServer server, params string[] load)
    {
        var db = dir.File("k.db");
        string[] args = ["run", "--backend", "openai-compatible", "--base-url", server.BaseUrl, "--model", "m", "--prompt", "hi",
            "--max-tokens", "3", "--requests", "8", "--warmup", "0", "--db", db, .. load];
        using var child = ChildTokenClock.Start(dir.Path, dir.Path, args);
        var exit = await child.WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(exit is 0 or 1, $"exit {exit}\n{child.Stderr}");
        await using var store = await SqliteRunStore.OpenAsync(db);
        var run = Assert.Single(await store.ListRunsAsync());
        var records = await store.GetRequestsAsync(run.Id);
        Assert.Equal(8, records.Count);
        return records;
    }
}
