using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;
using static TokenClock.Server.Tests.Backends.TestBackends;

namespace TokenClock.Server.Tests;

/// <summary>Model mode: the server wraps an IBackend, queues requests for it and adds llama.cpp-style timings.</summary>
public sealed class ModelModeTests
{
    // A backend the server does not know is a simulator: it is served exactly like a local model would be.
    private sealed class OpaqueBackend(IBackend inner) : DelegatingBackend(inner);

    private sealed class ThrowingBackend : IBackend
    {
        public BackendDescriptor Descriptor { get; } = new("broken", "local", "broken");

        public async IAsyncEnumerable<BackendEvent> StreamAsync(BackendRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            throw new InvalidOperationException("model file is corrupt");
#pragma warning disable CS0162 // an iterator needs a yield
            yield break;
#pragma warning restore CS0162
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_backend_that_throws_becomes_an_error_event_or_a_500_with_its_message()
    {
        await using var server = await TokenClockServer.StartAsync(new ThrowingBackend());
        await using var backend = OpenAI(server);
        using var http = new HttpClient();

        var streamed = await RecordAsync(backend, Request(3, 62));
        var whole = await http.PostAsync(new Uri(server.OpenAIBaseUrl + "/chat/completions"),
            new StringContent("""{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":3}""", Encoding.UTF8, "application/json"));

        Assert.Equal(ErrorClass.ProviderError, streamed.Error);
        Assert.Contains("model file is corrupt", streamed.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, whole.StatusCode);
        Assert.Contains("model file is corrupt", await whole.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<TokenClockServer> StartAsync(TokenClockServerOptions? options = null) => TokenClockServer.StartAsync(
        new OpaqueBackend(new SimulatedBackend(new SimulationProfile { Ttft = LatencyDistribution.Fixed(100), Tpot = LatencyDistribution.Fixed(5) })),
        options, ownsBackend: true);

    [Fact]
    public async Task Requests_queue_for_the_model_one_at_a_time_and_report_queue_time()
    {
        await using var server = await StartAsync();
        await using var backend = OpenAI(server);
        await RecordAsync(backend, Request(1, 59)); // JIT warm-up

        var both = await Task.WhenAll(RecordAsync(backend, Request(10, 60)), RecordAsync(backend, Request(10, 61)));

        Assert.All(both, r => Assert.True(r.Succeeded, r.ErrorMessage));
        var queues = new[] { Schedule(server, 60).QueueMs, Schedule(server, 61).QueueMs }.Order().ToArray();
        // The second request waits for the whole first one (100 ms TTFT + 9 x 5 ms).
        Assert.True(queues[1] - queues[0] >= 130, $"the second request should wait ~145 ms longer than the first; queue times {queues[0]} and {queues[1]} ms");
        Assert.All(both, r => Assert.NotNull(r.ServerTimings?.QueueMs));
        Assert.All(both, r => Assert.Equal(10, r.ServerTimings!.PredictedTokens));
    }

    [Fact]
    public async Task Invalid_json_and_bad_parameters_get_openai_style_400s()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient();

        var broken = await http.PostAsync(new Uri(server.OpenAIBaseUrl + "/chat/completions"), new StringContent("{not json", Encoding.UTF8, "application/json"));
        var badMax = await http.PostAsync(new Uri(server.OpenAIBaseUrl + "/chat/completions"),
            new StringContent("""{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":-3}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        using var brokenBody = JsonDocument.Parse(await broken.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request_error", brokenBody.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badMax.StatusCode);
        using var badBody = JsonDocument.Parse(await badMax.Content.ReadAsStringAsync());
        Assert.Equal("max_tokens", badBody.RootElement.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Bodies_over_the_limit_are_rejected_with_413()
    {
        await using var server = await StartAsync(new TokenClockServerOptions { MaxRequestBodyBytes = 2048 });
        using var http = new HttpClient();
        var big = $$"""{"model":"m","messages":[{"role":"user","content":"{{new string('x', 5000)}}"}]}""";

        var response = await http.PostAsync(new Uri(server.OpenAIBaseUrl + "/chat/completions"), new StringContent(big, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Non_streaming_requests_and_models_list_work()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient();

        var response = await http.PostAsync(new Uri(server.OpenAIBaseUrl + "/chat/completions"),
            new StringContent("""{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":5,"ignore_eos":true}""", Encoding.UTF8, "application/json"));
        var models = await http.GetStringAsync(new Uri(server.OpenAIBaseUrl + "/models"));

        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var content = body.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        Assert.Equal(20, content!.Length);
        Assert.Equal(5, body.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Contains("\"sim\"", models, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_endpoint_serves_the_schedule_named_in_the_response_header()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile { Ttft = LatencyDistribution.Fixed(30), Tpot = LatencyDistribution.Fixed(3), TokensPerChunk = 2 });
        using var http = new HttpClient();

        var response = await http.PostAsync(new Uri(server.OpenAIBaseUrl + "/chat/completions"),
            new StringContent("""{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":6,"stream":true}""", Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        var id = response.Headers.GetValues("x-tokenclock-schedule-id").Single();
        var schedule = JsonSerializer.Deserialize(await http.GetStringAsync(new Uri(server.BaseAddress, $"tokenclock/schedule/{id}")), ServerJsonContext.Default.ResponseSchedule)!;
        var missing = await http.GetAsync(new Uri(server.BaseAddress, "tokenclock/schedule/nope"));

        Assert.Contains("\"role\":\"assistant\"", text, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
        Assert.True(schedule.Completed);
        Assert.Equal(3, schedule.Chunks.Count);
        Assert.All(schedule.Chunks, c => Assert.Equal(2, c.Tokens));
        Assert.InRange(schedule.FirstTokenMs!.Value, 30, 300);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
