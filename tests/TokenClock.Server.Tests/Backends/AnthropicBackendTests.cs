using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;
using static TokenClock.Server.Tests.Backends.TestBackends;

namespace TokenClock.Server.Tests.Backends;

/// <summary>The Anthropic client against the simulator's /v1/messages (same tolerances as the OpenAI tests).</summary>
public sealed class AnthropicBackendTests
{
    [Fact]
    public async Task Measured_ttft_matches_the_true_schedule_and_usage_is_reported()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile
        {
            Ttft = LatencyDistribution.Fixed(150), Tpot = LatencyDistribution.Fixed(10),
        });
        await using var backend = Anthropic(server);
        await RecordAsync(backend, Request(2, 30));

        var record = await RecordAsync(backend, Request(maxTokens: 12, seed: 31));
        var truth = NthSchedule(server, 2);

        Assert.True(record.Succeeded, record.ErrorMessage);
        Assert.Equal(12, record.ServerOutputTokens);
        Assert.NotNull(record.ServerInputTokens);
        Assert.Equal("max_tokens", record.FinishReason);
        Assert.Equal(12, record.Chunks.Count);
        // message_start and ping arrive at once: first byte long before the first token.
        Assert.InRange(record.TtfbMs()!.Value, 0, 100);
        Assert.InRange(record.TtftMs()!.Value - truth.FirstTokenMs!.Value, -2, 100);
        Assert.InRange(record.TpotMs()!.Value - truth.TpotMs!.Value, -5, 5);
    }

    [Theory]
    [InlineData("429", ErrorClass.RateLimited)]
    [InlineData("503", ErrorClass.HttpStatus)]
    [InlineData("disconnect", ErrorClass.Disconnect)]
    [InlineData("malformed", ErrorClass.MalformedStream)]
    public async Task Faults_are_classified(string fault, ErrorClass expected)
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile { Ttft = LatencyDistribution.Fixed(5), Tpot = LatencyDistribution.Fixed(1) });
        await using var backend = Anthropic(server, ("x-tokenclock-fault", fault));

        var record = await RecordAsync(backend, Request(8, 32));

        Assert.Equal(expected, record.Error);
    }

    [Fact]
    public async Task Registry_kind_anthropic_sends_x_api_key_and_version()
    {
        const string variable = "TOKENCLOCK_TEST_ANTHROPIC_KEY";
        Environment.SetEnvironmentVariable(variable, "sk-ant-test-123");
        await using var server = await TokenClockServer.StartSimulatorAsync(
            new SimulationProfile { Ttft = LatencyDistribution.Fixed(5), Tpot = LatencyDistribution.Fixed(1) },
            new TokenClockServerOptions { RequiredApiKey = "sk-ant-test-123" });
        await using var good = Registry.Create(new BackendOptions { Kind = "anthropic", Model = "sim", BaseUrl = server.BaseAddress.ToString(), ApiKeyEnv = variable });
        await using var keyless = Registry.Create(new BackendOptions { Kind = "anthropic", Model = "sim", BaseUrl = server.BaseAddress.ToString(), ApiKeyEnv = "TOKENCLOCK_TEST_UNSET_VARIABLE" });

        var ok = await RecordAsync(good, Request(4, 33));
        var denied = await RecordAsync(keyless, Request(4, 34));

        Assert.True(ok.Succeeded, ok.ErrorMessage);
        Assert.Equal(ErrorClass.HttpStatus, denied.Error);
        Assert.Equal(401, denied.HttpStatus);
    }
}
