using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;
using static TokenClock.Server.Tests.Backends.TestBackends;

namespace TokenClock.Server.Tests.Backends;

/// <summary>
/// The OpenAI client against the simulator over loopback HTTP. Timing tolerance: measured TTFT may exceed the
/// server's true TTFT by up to 100 ms (request upload, Kestrel, delivery, parsing on a busy 2-core CI box) and may
/// not undercut it by more than 2 ms; measured TPOT must be within 5 ms of the true TPOT.
/// </summary>
public sealed class OpenAIBackendTests
{
    private const double TtftSlackMs = 100, TpotSlackMs = 5;

    [Fact]
    public async Task Measured_ttft_and_tpot_match_the_simulators_true_schedule()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile
        {
            Ttft = LatencyDistribution.Fixed(200),
            Tpot = LatencyDistribution.Fixed(15),
        });
        await using var backend = OpenAI(server);
        await RecordAsync(backend, Request(maxTokens: 2, seed: 10)); // JIT warm-up of client and server

        var record = await RecordAsync(backend, Request(maxTokens: 20, seed: 11));
        var truth = Schedule(server, 11);

        Assert.True(record.Succeeded, record.ErrorMessage);
        Assert.Equal(20, record.ServerOutputTokens);
        Assert.Equal(20, truth.OutputTokens);
        Assert.InRange(truth.FirstTokenMs!.Value, 199, 1_000); // the server honours the 200 ms TTFT (late only under heavy load)
        Assert.InRange(record.TtftMs()!.Value - truth.FirstTokenMs.Value, -2, TtftSlackMs);
        Assert.InRange(record.TpotMs()!.Value - truth.TpotMs!.Value, -TpotSlackMs, TpotSlackMs);
        Assert.Equal("length", record.FinishReason);
        Assert.Equal("sim", record.ResponseModel);
    }

    [Fact]
    public async Task Role_only_first_chunk_counts_as_first_byte_not_first_token()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile { Ttft = LatencyDistribution.Fixed(250), Tpot = LatencyDistribution.Fixed(5) });
        await using var backend = OpenAI(server);

        var record = await RecordAsync(backend, Request(maxTokens: 3, seed: 12));

        Assert.True(record.Succeeded, record.ErrorMessage);
        Assert.InRange(record.TtfbMs()!.Value, 0, 100);
        Assert.True(record.TtftMs() >= 245, $"TTFT {record.TtftMs()} ms should include the 250 ms wait, not stop at the role-only chunk");
        Assert.Equal(3, record.Chunks.Count);
        Assert.All(record.Chunks, c => Assert.Equal(4, c.Chars));
    }

    [Fact]
    public async Task Multi_token_chunks_keep_their_token_counts_and_itl_samples()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile
        {
            Ttft = LatencyDistribution.Fixed(50), Tpot = LatencyDistribution.Fixed(10), TokensPerChunk = 4,
        });
        await using var backend = OpenAI(server);

        var record = await RecordAsync(backend, Request(maxTokens: 20, seed: 13));
        var truth = Schedule(server, 13);

        Assert.True(record.Succeeded, record.ErrorMessage);
        Assert.Equal(5, record.Chunks.Count);
        Assert.All(record.Chunks, c => Assert.Equal(4, c.Tokens));
        Assert.Equal(20, record.OutputTokens());
        var itl = record.ItlSamplesMs().ToArray();
        Assert.Equal(16, itl.Length);
        // Each 4-token chunk is ~40 ms after the previous one: 10 ms per token, not a fake ~0 ms. The samples split
        // the chunk gaps exactly; the upper bound only allows for a starved client on a loaded CI box (seen: 64 ms).
        Assert.Equal((record.Chunks[^1].TimeNs - record.Chunks[0].TimeNs) / 1e6, itl.Sum(), 6);
        Assert.InRange(itl.Average(), 10 - TpotSlackMs, 10 + TtftSlackMs);
        Assert.InRange(record.TtftMs()!.Value - truth.FirstTokenMs!.Value, -2, TtftSlackMs);
    }

    [Fact]
    public async Task Missing_usage_falls_back_to_the_local_token_count()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile { Ttft = LatencyDistribution.Fixed(5), Tpot = LatencyDistribution.Fixed(1) });
        await using var backend = OpenAI(server, ("x-tokenclock-no-usage", "1"));

        var record = await RecordAsync(backend, Request(maxTokens: 12, seed: 14));

        Assert.True(record.Succeeded, record.ErrorMessage);
        Assert.Null(record.ServerOutputTokens);
        Assert.Equal(TokenSource.Local, record.OutputTokenSource());
        Assert.Equal(12, record.OutputTokens());
    }

    [Fact]
    public async Task Llamacpp_timings_are_reported_as_server_timings()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile
        {
            Ttft = LatencyDistribution.Fixed(30), Tpot = LatencyDistribution.Fixed(2), LlamaCppTimings = true,
        });
        await using var backend = OpenAI(server);

        var record = await RecordAsync(backend, Request(maxTokens: 6, seed: 15));

        Assert.NotNull(record.ServerTimings);
        Assert.Equal(6, record.ServerTimings!.PredictedTokens);
        Assert.InRange(record.ServerTimings.PromptMs!.Value, 25, 200);
    }

    [Theory]
    [InlineData("429", ErrorClass.RateLimited, 429)]
    [InlineData("500", ErrorClass.HttpStatus, 500)]
    [InlineData("503", ErrorClass.HttpStatus, 503)]
    [InlineData("disconnect", ErrorClass.Disconnect, null)]
    [InlineData("malformed", ErrorClass.MalformedStream, null)]
    public async Task Each_fault_is_classified_and_never_thrown(string fault, ErrorClass expected, int? status)
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile { Ttft = LatencyDistribution.Fixed(5), Tpot = LatencyDistribution.Fixed(2) });
        await using var backend = OpenAI(server, ("x-tokenclock-fault", fault));

        var record = await RecordAsync(backend, Request(maxTokens: 10, seed: 16));

        Assert.Equal(expected, record.Error);
        if (status is not null)
        {
            Assert.Equal(status, record.HttpStatus);
            Assert.Contains("simulated", record.ErrorMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Rate_limit_reports_retry_after()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile
        {
            Faults = new FaultProfile { RetryAfterSeconds = 7 },
        });
        await using var backend = OpenAI(server, ("x-tokenclock-fault", "rate-limit"));

        var events = new List<BackendEvent>();
        await foreach (var e in backend.StreamAsync(Request(5, 17))) events.Add(e);

        var failed = Assert.IsType<StreamFailed>(events[^1]);
        Assert.Equal(ErrorClass.RateLimited, failed.Class);
        Assert.Equal(TimeSpan.FromSeconds(7), failed.RetryAfter);
    }

    [Fact]
    public async Task A_stalled_stream_times_out_as_timeout_not_cancellation()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile
        {
            Ttft = LatencyDistribution.Fixed(5), Tpot = LatencyDistribution.Fixed(2), Faults = new FaultProfile { StallMs = 10_000 },
        });
        await using var backend = OpenAIWithTimeout(server, TimeSpan.FromMilliseconds(600), ("x-tokenclock-fault", "stall"));

        var record = await RecordAsync(backend, Request(maxTokens: 10, seed: 18));

        Assert.Equal(ErrorClass.Timeout, record.Error);
        Assert.Equal(2, record.Chunks.Count);
        Assert.InRange(record.StreamTimeMs()!.Value, 550, 5_000);
    }

    [Fact]
    public async Task User_cancellation_throws_and_is_recorded_as_cancelled()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile { Ttft = LatencyDistribution.Fixed(2_000) });
        await using var backend = OpenAI(server);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in backend.StreamAsync(Request(5, 19), cts.Token)) { }
        });
        using var cts2 = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var record = await RecordAsync(backend, Request(5, 20), cts2.Token);
        Assert.Equal(ErrorClass.Cancelled, record.Error);
    }

    [Fact]
    public async Task Connection_refused_is_a_disconnect()
    {
        var registry = Registry;
        await using var backend = registry.Create(new BackendOptions { Kind = "openai-compatible", Model = "m", BaseUrl = "http://127.0.0.1:1/v1" });

        var record = await RecordAsync(backend, Request(5, 21));

        Assert.Equal(ErrorClass.Disconnect, record.Error);
    }

    [Fact]
    public async Task Registry_kind_openai_compatible_reaches_the_simulator_without_a_key()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile { Ttft = LatencyDistribution.Fixed(5), Tpot = LatencyDistribution.Fixed(1) });
        await using var backend = Registry.Create(new BackendOptions { Kind = "openai-compatible", Model = "sim", BaseUrl = server.OpenAIBaseUrl.ToString() });

        var record = await RecordAsync(backend, Request(8, 22));

        Assert.True(record.Succeeded, record.ErrorMessage);
        Assert.Equal(8, record.OutputTokens());
        Assert.Equal(server.OpenAIBaseUrl.ToString().TrimEnd('/'), backend.Descriptor.Endpoint);
    }
}
