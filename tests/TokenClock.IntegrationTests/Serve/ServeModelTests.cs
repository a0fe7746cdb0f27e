using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TokenClock.Core.Backends;
using TokenClock.Core.Http;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Core.Tokens;
using TokenClock.IntegrationTests.Support;

namespace TokenClock.IntegrationTests.Serve;

/// <summary>
/// A real `tokenclock serve --model micro` child (llama.cpp on the synthesized micro twin), measured through the
/// engine's own OpenAI-compatible client over loopback HTTP.
/// </summary>
[Collection(LocalModelCollection.Name)]
public sealed partial class ServeModelTests
{
    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    private static async Task<string> WaitForUrl(ChildTokenClock child)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var m = ListeningLine().Match(child.Stderr);
            if (m.Success) return m.Groups[1].Value;
            Assert.False(child.HasExited, "serve exited before listening:\n" + child.Stderr);
            await Task.Delay(100);
        }
        throw new TimeoutException("serve printed no 'listening on' line in 90 s:\n" + child.Stderr);
    }

    private static IBackend Client(string baseUrl) =>
        HttpBackends.Register(new BackendRegistry()).Create(new BackendOptions
        {
            Kind = "openai-compatible",
            Model = "micro",
            BaseUrl = baseUrl + "/v1",
            Timeout = TimeSpan.FromSeconds(60),
        });

    private static BackendRequest Request(int tokens) => new()
    {
        Prompt = "Tell me about the harbor ferry.",
        MaxTokens = tokens,
        IgnoreEos = true,
        Seed = 7,
    };

    [Fact]
    public async Task Served_local_model_streams_exactly_the_asked_tokens_with_llama_cpp_timings_and_queues_a_second_request()
    {
        using var dir = new TempDir("tc-serve");
        using var child = ChildTokenClock.Start(dir.Path, dir.Path, "serve", "--model", "micro", "--port", "0");
        var url = await WaitForUrl(child);
        await using var backend = Client(url);
        var recorder = new RequestRecorder(new RunClock(), ApproximateTokenCounter.Instance);

        var single = await recorder.RecordAsync(backend, Request(24), 0, RequestPhase.Measured, 0, CancellationToken.None);
        Assert.True(single.Succeeded, $"{single.Error}: {single.ErrorMessage}\n{child.Stderr}");
        Assert.Equal(200, single.HttpStatus);
        Assert.NotEmpty(single.Chunks);
        Assert.NotNull(single.TtftMs());
        Assert.Equal("length", single.FinishReason);
        Assert.Equal(24, single.ServerOutputTokens);
        Assert.Equal(24, single.OutputTokens());
        var timings = Assert.IsType<ServerTimings>(single.ServerTimings);
        Assert.Equal(24, timings.PredictedTokens);
        Assert.Equal(single.ServerInputTokens, timings.PromptTokens);
        Assert.True(timings.PromptTokens > 0);
        Assert.True(timings.PromptMs >= 0 && timings.PredictedMs > 0, $"prompt_ms {timings.PromptMs}, predicted_ms {timings.PredictedMs}");
        // The server's own prefill and decode happen inside what the client saw from send to end.
        Assert.True(timings.PromptMs + timings.PredictedMs <= single.E2eMs() + 5, $"server {timings.PromptMs} + {timings.PredictedMs} ms > client e2e {single.E2eMs()} ms");
        Assert.NotNull(timings.QueueMs);

        // One model answers one request at a time: a request arriving mid-stream waits, and the server says so.
        var signal = new FirstChunkSignal(backend);
        var first = recorder.RecordAsync(signal, Request(64), 1, RequestPhase.Measured, recorder.Clock.ElapsedNs(), CancellationToken.None);
        await signal.FirstChunk.WaitAsync(TimeSpan.FromSeconds(60));
        var second = await recorder.RecordAsync(backend, Request(8), 2, RequestPhase.Measured, recorder.Clock.ElapsedNs(), CancellationToken.None);
        var a = await first;
        Assert.True(a.Succeeded && second.Succeeded, $"{a.Error} {a.ErrorMessage}; {second.Error} {second.ErrorMessage}");
        Assert.Equal(64, a.OutputTokens());
        Assert.Equal(8, second.OutputTokens());
        Assert.True(a.EndNs > second.SentNs, "the long stream ended before the second request was sent; nothing to queue behind");
        var waited = second.ServerTimings!.QueueMs!.Value;
        Assert.True(waited > a.ServerTimings!.QueueMs!.Value, $"queued {waited} ms vs first {a.ServerTimings.QueueMs} ms");
        // It waited for the rest of the running stream. Generous: on a starved machine the request can reach the
        // server long after the client sent it, which shortens the wait the server sees.
        var remainingMs = (a.EndNs!.Value - second.SentNs) / 1e6;
        Assert.True(waited >= 0.5 * remainingMs - 20, $"queued {waited:F1} ms, but the running stream still had {remainingMs:F1} ms to go");
        // Its first token comes after the running stream's last (the slot was busy), and its TTFT holds the wait.
        Assert.True(second.FirstTokenNs > a.FirstTokenNs);
        Assert.True(second.TtftMs() >= waited - 5, $"ttft {second.TtftMs()} < queue {waited}");
    }

    [Fact]
    public async Task Served_local_model_answers_an_invalid_json_body_with_an_openai_style_400()
    {
        using var dir = new TempDir("tc-serve-bad");
        using var child = ChildTokenClock.Start(dir.Path, dir.Path, "serve", "--model", "micro", "--port", "0");
        var url = await WaitForUrl(child);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        using var response = await http.PostAsync(url + "/v1/chat/completions",
            new StringContent("{\"model\": \"micro\", \"messages\": [", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.False(child.HasExited, "the server must survive a bad request:\n" + child.Stderr);
    }
}
