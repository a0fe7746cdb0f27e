using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;
using static TokenClock.Server.Tests.Backends.TestBackends;

namespace TokenClock.Server.Tests.Backends;

/// <summary>The azure-openai kind: deployment URL, api-version query and the api-key header, against the simulator.</summary>
public sealed class AzureOpenAIBackendTests
{
    [Fact]
    public async Task Deployment_url_and_api_key_header_reach_the_server()
    {
        const string variable = "TOKENCLOCK_TEST_AZURE_KEY";
        Environment.SetEnvironmentVariable(variable, "azure-secret-456");
        await using var server = await TokenClockServer.StartSimulatorAsync(
            new SimulationProfile { Ttft = LatencyDistribution.Fixed(40), Tpot = LatencyDistribution.Fixed(4) },
            new TokenClockServerOptions { RequiredApiKey = "azure-secret-456" });
        await using var backend = Registry.Create(new BackendOptions
        {
            Kind = "azure-openai", Model = "gpt-4o-mini", Deployment = "my-deployment", BaseUrl = server.BaseAddress.ToString(), ApiKeyEnv = variable,
        });

        var record = await RecordAsync(backend, Request(6, 40));
        var truth = Schedule(server, 40);

        Assert.True(record.Succeeded, record.ErrorMessage);
        Assert.Equal(6, record.OutputTokens());
        Assert.InRange(record.TtftMs()!.Value - truth.FirstTokenMs!.Value, -2, 100);
        Assert.DoesNotContain("azure-secret-456", backend.Descriptor.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("azure-secret-456", backend.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_key_is_an_http_status_error_with_the_providers_message_and_no_key()
    {
        const string variable = "TOKENCLOCK_TEST_AZURE_WRONG_KEY";
        Environment.SetEnvironmentVariable(variable, "wrong-key-789");
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile(), new TokenClockServerOptions { RequiredApiKey = "right" });
        await using var backend = Registry.Create(new BackendOptions
        {
            Kind = "azure-openai", Model = "m", BaseUrl = server.BaseAddress.ToString(), ApiKeyEnv = variable,
        });

        var record = await RecordAsync(backend, Request(3, 41));

        Assert.Equal(ErrorClass.HttpStatus, record.Error);
        Assert.Equal(401, record.HttpStatus);
        Assert.Contains("API key", record.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key-789", record.ErrorMessage, StringComparison.Ordinal);
    }
}
