using System.Globalization;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using TokenClock.Core.Backends;
using TokenClock.Core.Http;
using TokenClock.IntegrationTests.Support;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;
using Xunit.Abstractions;

namespace TokenClock.IntegrationTests.KillMatrix;

/// <summary>
/// SIGKILL of the real CLI (`run` against the simulator, `summarize`, the default `run` with its `serve --model`
/// child, `serve --model`) at seeded random moments: 22 kills in all. After each: the database passes
/// integrity_check, everything the process had reported complete is stored, no process of ours survives
/// (children included, wherever re-parented); after the next start no partial file is left.
/// </summary>
[Collection(LocalModelCollection.Name)]
public sealed partial class KillMatrixTests(ITestOutputHelper output)
{
    private static readonly TimeSpan OrphanGrace = TimeSpan.FromSeconds(10);

    [GeneratedRegex(@"^\w+ \d+/\d+ done \(", RegexOptions.Multiline)]
    private static partial Regex DoneLine();

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    private static Task<TokenClockServer> Simulator() =>
        TokenClockServer.StartSimulatorAsync(new SimulationProfile { Ttft = LatencyDistribution.Fixed(20), Tpot = LatencyDistribution.Fixed(4) });

    [Fact]
    public async Task Run_against_the_simulator_killed_at_8_random_moments()
    {
        await using var server = await Simulator();
        using var dir = new TempDir("tc-km-run");
        var db = dir.File("r.db");
        var rng = new Random(1001);
        var failures = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            // Every third kill lands in start-up (opening the database, first requests); the others after N stored requests.
            var point = i % 3 == 0 ? KillPoint.After(rng.Next(200, 3000)) : KillPoint.AfterStored(rng.Next(1, 60), rng.Next(0, 300));
            string[] args = ["run", "--backend", "openai-compatible", "--base-url", server.OpenAIBaseUrl.ToString(), "--model", "sim",
                "--prompt", "Summarize: the harbor ferry", "--max-tokens", "8", "--requests", "100000", "--concurrency", "4", "--db", db];
            using var child = ChildTokenClock.Start(dir.Path, dir.Path, args);
            var before = StoredRequests.Count(db);
            var seen = await WatchAsync(child, db, point, () => StoredRequests.Count(db) - before);
            child.KillAlone();
            await child.WaitAsync(TimeSpan.FromSeconds(30));
            failures.AddRange(await CheckAfterKillAsync($"run #{i} {point}", dir.Path, db, seen));
        }
        failures.AddRange(PartialFiles(dir.Path).Select(p => "partial file left: " + p));
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Summarize_killed_at_6_random_moments_keeps_every_call_it_reported_done()
    {
        await using var server = await Simulator();
        using var dir = new TempDir("tc-km-sum");
        var db = dir.File("s.db");
        var doc = dir.File("doc.txt");
        await File.WriteAllTextAsync(doc, Document());
        var rng = new Random(1002);
        var failures = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var point = i % 3 == 0 ? KillPoint.After(rng.Next(200, 3000)) : KillPoint.AfterStored(rng.Next(1, 12), rng.Next(0, 200));
            var before = StoredRequests.Count(db);
            using var child = ChildTokenClock.Start(dir.Path, dir.Path, "summarize", doc, "--backend", "openai-compatible",
                "--base-url", server.OpenAIBaseUrl.ToString(), "--model", "sim", "--strategy", "map-reduce", "--parallel", "2",
                "--chunk-tokens", "120", "--max-tokens", "12", "--summary-words", "8", "--context", "2048", "--db", db, "--json");
            await WatchAsync(child, db, point, () => DoneLine().Matches(child.Stderr).Count);
            var reported = DoneLine().Matches(child.Stderr).Count; // printed only after the call was stored
            child.KillAlone();
            await child.WaitAsync(TimeSpan.FromSeconds(30));
            failures.AddRange(await CheckAfterKillAsync($"summarize #{i} {point} ({reported} calls reported done)", dir.Path, db, before + reported));
        }
        failures.AddRange(PartialFiles(dir.Path).Select(p => "partial file left: " + p));
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Default_run_and_its_serve_child_killed_at_4_random_moments_then_serve_model_at_4()
    {
        using var dir = new TempDir("tc-km-local");
        var home = Path.Combine(dir.Path, "home");
        var db = dir.File("d.db");
        var rng = new Random(1003);
        var failures = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            // The first kill lands in start-up (twin synthesis on a fresh home); the others once the serve --model
            // child listens, then after 0-2 stored requests and a jitter.
            var point = i == 0 ? KillPoint.After(rng.Next(500, 4000)) : KillPoint.AfterStored(1 + rng.Next(0, 3), rng.Next(0, 3000));
            var before = StoredRequests.Count(db);
            using var child = ChildTokenClock.Start(dir.Path, home, "run", "--json", "--db", db);
            var seen = await WatchAsync(child, db, point, () => child.Stderr.Contains("child listening on", StringComparison.Ordinal) ? 1 + StoredRequests.Count(db) - before : 0);
            child.KillAlone();
            await child.WaitAsync(TimeSpan.FromSeconds(30));
            failures.AddRange(await CheckAfterKillAsync($"default run #{i} {point}", home, db, seen));
        }

        for (var i = 0; i < 4; i++)
        {
            // Kills in start-up (model loading) or after N responses streamed to a client, one maybe in flight.
            var point = i == 0 ? KillPoint.After(rng.Next(300, 2000)) : KillPoint.AfterStored(rng.Next(0, 4), rng.Next(0, 300));
            using var child = ChildTokenClock.Start(dir.Path, home, "serve", "--model", "tiny", "--port", "0");
            using var load = new CancellationTokenSource();
            var served = new StrongBox<int>();
            var clients = ServeLoadAsync(child, served, load.Token);
            await WatchAsync(child, null, point, () => ListeningLine().IsMatch(child.Stderr) ? Volatile.Read(ref served.Value) : -1);
            var url = ListeningLine().Match(child.Stderr) is { Success: true } m ? m.Groups[1].Value : null;
            child.KillAlone();
            await child.WaitAsync(TimeSpan.FromSeconds(30));
            await load.CancelAsync();
            var completed = await clients;
            failures.AddRange(await CheckAfterKillAsync($"serve --model #{i} {point} ({completed} responses completed)", home, null, 0));
            if (url is not null && await AcceptsAsync(new Uri(url))) failures.Add($"serve --model #{i}: {url} still accepts connections after the kill");
        }

        // The next start cleans what a kill left: a clean serve start must leave no partial file behind.
        using (var recovery = ChildTokenClock.Start(dir.Path, home, "serve", "--model", "tiny", "--port", "0"))
        {
            await WaitForListeningAsync(recovery);
            recovery.Interrupt();
            await recovery.WaitAsync(TimeSpan.FromSeconds(60));
        }
        failures.AddRange(PartialFiles(dir.Path).Select(p => "partial file left after the next start: " + p));
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>When to kill: a time after the start, or once a progress count reaches N (then a jitter).</summary>
    private sealed record KillPoint(int? AtCount, int Ms)
    {
        public static KillPoint After(int ms) => new(null, ms);

        public static KillPoint AfterStored(int count, int jitterMs) => new(count, jitterMs);

        public override string ToString() => AtCount is { } n
            ? string.Create(CultureInfo.InvariantCulture, $"after {n} done + {Ms} ms")
            : string.Create(CultureInfo.InvariantCulture, $"at {Ms} ms");
    }

    /// <summary>
    /// Waits for the kill point while reading how many requests another reader can already see in the database
    /// (committed rows a kill must not take back); returns the most seen.
    /// </summary>
    private static async Task<long> WatchAsync(ChildTokenClock child, string? db, KillPoint point, Func<long> progress)
    {
        long seen = 0;
        var start = DateTime.UtcNow;
        DateTime? until = point.AtCount is null ? start.AddMilliseconds(point.Ms) : null;
        while (until is null || DateTime.UtcNow < until)
        {
            Assert.False(child.HasExited, $"the process ended before its kill point ({point}):\n" + child.Stderr);
            Assert.True(DateTime.UtcNow - start < TimeSpan.FromSeconds(120), $"kill point {point} not reached in 120 s:\n" + child.Stderr);
            if (db is not null) seen = Math.Max(seen, StoredRequests.Count(db));
            if (until is null && progress() >= point.AtCount) until = DateTime.UtcNow.AddMilliseconds(point.Ms);
            await Task.Delay(20);
        }
        if (db is not null) seen = Math.Max(seen, StoredRequests.Count(db));
        return seen;
    }

    private async Task<List<string>> CheckAfterKillAsync(string what, string home, string? db, long reportedComplete)
    {
        var failures = new List<string>();
        var survivors = await ProcessTable.SurvivorsAsync(home, OrphanGrace);
        if (survivors.Count > 0)
        {
            failures.Add($"{what}: {survivors.Count} process(es) outlived the kill by {OrphanGrace.TotalSeconds:0} s: {string.Join("; ", survivors)}");
            ProcessTable.Kill(survivors);
        }
        long stored = 0;
        if (db is not null && File.Exists(db))
        {
            var integrity = IntegrityCheck(db);
            if (integrity != "ok") failures.Add($"{what}: integrity_check says {integrity}");
            stored = StoredRequests.Count(db);
            if (stored < reportedComplete) failures.Add($"{what}: {stored} requests stored < {reportedComplete} reported complete before the kill");
        }
        var partials = PartialFiles(home);
        output.WriteLine($"{what}: stored {stored} (reported {reportedComplete}), survivors {survivors.Count}, partial files now {partials.Count}");
        return failures;
    }

    private static List<string> PartialFiles(string root) => !Directory.Exists(root) ? [] :
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f).Contains(".partial", StringComparison.Ordinal) || f.EndsWith(".tmp", StringComparison.Ordinal))
            .ToList();


    private static string IntegrityCheck(string db)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check";
        return (string)cmd.ExecuteScalar()!;
    }

    /// <summary>Streams requests at the served model from the moment it listens; returns how many completed.</summary>
    private static async Task<int> ServeLoadAsync(ChildTokenClock child, StrongBox<int> served, CancellationToken ct)
    {
        string? url = null;
        while (url is null && !ct.IsCancellationRequested)
        {
            if (ListeningLine().Match(child.Stderr) is { Success: true } m) url = m.Groups[1].Value;
            else await Task.Delay(50, CancellationToken.None);
        }
        if (url is null) return 0;
        await using var backend = HttpBackends.Register(new BackendRegistry()).Create(new BackendOptions
        {
            Kind = "openai-compatible", Model = "tiny", BaseUrl = url + "/v1", Timeout = TimeSpan.FromSeconds(20),
        });
        var completed = 0;
        while (!ct.IsCancellationRequested)
        {
            var ended = false;
            await foreach (var e in backend.StreamAsync(new BackendRequest { Prompt = "Tell me about the harbor ferry.", MaxTokens = 24, IgnoreEos = true }, CancellationToken.None))
                ended |= e is StreamEnded;
            if (ended) Interlocked.Exchange(ref served.Value, ++completed);
            else await Task.Delay(50, CancellationToken.None); // the server is gone: stop hammering it
        }
        return completed;
    }

    private static async Task WaitForListeningAsync(ChildTokenClock child)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!ListeningLine().IsMatch(child.Stderr))
        {
            Assert.False(child.HasExited || DateTime.UtcNow > deadline, "serve did not start listening:\n" + child.Stderr);
            await Task.Delay(100);
        }
    }

    private static async Task<bool> AcceptsAsync(Uri url)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(url.Host, url.Port).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }

    private static string Document()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 60; i++)
            sb.Append(CultureInfo.InvariantCulture, $"Paragraph {i}: the harbor ferry left at dawn with {i * 7} passengers, cargo of timber and mail, and a crew of four who argued about the weather. ")
              .Append("The captain logged wind, tide and the time of each landing, and the ledger kept every fare.\n\n");
        return sb.ToString();
    }
}
