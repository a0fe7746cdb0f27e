using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TokenClock.IntegrationTests.Support;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;

namespace TokenClock.IntegrationTests.Processes;

/// <summary>Ctrl+C while work is in flight: prompt, explained exits, and stdout that stays machine-readable.</summary>
public sealed partial class ShutdownTests
{
    [Fact]
    public async Task Serve_with_a_stream_in_flight_stops_within_seconds_and_says_what_it_cuts()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDir("tc-serve-stop");
        // A first token 60 s away: the stream is surely in flight when Ctrl+C comes.
        using var serve = ChildTokenClock.Start(dir.Path, dir.Path, "serve", "--simulate", "--ttft-ms", "60000", "--port", "0");
        var url = await WaitFor(serve, Listening());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(90) };
        var body = """{"model":"sim","messages":[{"role":"user","content":"hi"}],"max_tokens":4,"stream":true}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url + "/v1/chat/completions")) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        // The stream's headers arrive at once; its first token would take 60 s.
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var reading = response.Content.ReadAsStringAsync();

        var watch = Stopwatch.StartNew();
        serve.Interrupt();
        var exit = await serve.WaitAsync(TimeSpan.FromSeconds(60));
        watch.Stop();

        Assert.Equal(0, exit);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"serve took {watch.Elapsed.TotalSeconds:0.0} s to stop\n{serve.Stderr}");
        Assert.Contains("cut 1 request(s) that were in flight", serve.Stderr, StringComparison.Ordinal);
        // The client sees the stream cut, never a quietly completed answer.
        var cut = await Record.ExceptionAsync(() => reading.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(cut is HttpRequestException or IOException, $"the stream ended without an error: {cut}");
    }

    [Fact]
    public async Task Summarize_json_interrupted_prints_one_json_document_marked_interrupted()
    {
        if (!OperatingSystem.IsLinux()) return;
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile
        {
            Ttft = LatencyDistribution.Fixed(30_000),
            Tpot = LatencyDistribution.Fixed(5),
        });
        using var dir = new TempDir("tc-sum-int");
        var doc = dir.File("doc.txt");
        await File.WriteAllTextAsync(doc, string.Concat(Enumerable.Repeat("The harbor ferry runs at dawn and at dusk. ", 50)));
        using var child = ChildTokenClock.Start(dir.Path, dir.Path, "summarize", doc, "--backend", "openai-compatible",
            "--base-url", server.OpenAIBaseUrl.ToString(), "--model", "sim", "--json", "--db", dir.File("r.db"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (server.InFlight == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(server.InFlight > 0, "the summary request never reached the server:\n" + child.Stderr);

        child.Interrupt();
        var exit = await child.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exit == 130, $"exit {exit}\n{child.Stderr}");
        // One JSON document, saying the job was interrupted (whether the signal came while the connection opened or
        // while the first call waited for its answer).
        Assert.True(child.Stdout.Trim().Length > 0, "nothing on stdout; stderr:\n" + child.Stderr);
        using var json = JsonDocument.Parse(child.Stdout.Trim());
        Assert.Equal("interrupted", json.RootElement.GetProperty("status").GetString());
        var runId = json.RootElement.GetProperty("run_id").GetInt64();
        Assert.Contains("Cancelled", child.Stderr, StringComparison.Ordinal);
        // The run it names is stored and marked interrupted, even when the signal came before the store had opened.
        await using var store = await TokenClock.Storage.SqliteRunStore.OpenReadOnlyAsync(dir.File("r.db"));
        Assert.Equal(TokenClock.Core.Results.RunStatus.Interrupted, (await store.GetRunAsync(runId))!.Status);
    }

    private static async Task<string> WaitFor(ChildTokenClock child, Regex pattern)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(child.HasExited, child.Stderr);
            var m = pattern.Match(child.Stderr);
            if (m.Success) return m.Groups[1].Value;
            await Task.Delay(50);
        }
        throw new TimeoutException(child.Stderr);
    }

    [GeneratedRegex(@"listening on (http://\S+?)\s")]
    private static partial Regex Listening();
}
