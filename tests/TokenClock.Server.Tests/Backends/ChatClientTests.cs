using Microsoft.Extensions.AI;
using TokenClock.Core.Backends;
using TokenClock.Core.ChatClients;
using TokenClock.Core.Results;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;
using static TokenClock.Server.Tests.Backends.TestBackends;

namespace TokenClock.Server.Tests.Backends;

/// <summary>The IChatClient adapter and the UseTokenClock middleware, over a chat client that streams from the simulator.</summary>
public sealed class ChatClientTests
{
    private static Task<TokenClockServer> StartAsync() => TokenClockServer.StartSimulatorAsync(new SimulationProfile
    {
        Ttft = LatencyDistribution.Fixed(120), Tpot = LatencyDistribution.Fixed(8),
    });

    [Fact]
    public async Task Adapter_measures_ttft_against_the_true_schedule_and_skips_role_only_updates()
    {
        await using var server = await StartAsync();
        await using var adapter = new ChatClientBackend(new BackendChatClient(OpenAI(server)), new BackendDescriptor("cc", "chat-client", "sim"));
        await RecordAsync(adapter, Request(2, 50));

        var record = await RecordAsync(adapter, Request(10, 51));
        var truth = Schedule(server, 51);

        Assert.True(record.Succeeded, record.ErrorMessage);
        Assert.Equal(10, record.Chunks.Count);
        Assert.Equal(10, record.ServerOutputTokens);
        Assert.Equal("length", record.FinishReason);
        Assert.InRange(record.TtfbMs()!.Value, 0, 100);
        Assert.InRange(record.TtftMs()!.Value - truth.FirstTokenMs!.Value, -2, 100);
    }

    [Fact]
    public async Task Adapter_failures_are_classified_by_the_recorder()
    {
        await using var server = await StartAsync();
        await using var adapter = new ChatClientBackend(new BackendChatClient(OpenAI(server, ("x-tokenclock-fault", "503"))), new BackendDescriptor("cc", "chat-client", "sim"));

        var record = await RecordAsync(adapter, Request(4, 52));

        Assert.Equal(ErrorClass.HttpStatus, record.Error);
        Assert.Equal(503, record.HttpStatus);
    }

    [Fact]
    public async Task UseTokenClock_records_each_call_and_passes_updates_through()
    {
        await using var server = await StartAsync();
        var records = new List<RequestRecord>();
        using var client = new ChatClientBuilder(new BackendChatClient(OpenAI(server)))
            .UseTokenClock(records.Add, new TokenClockChatClientOptions { Name = "app", RetainText = true })
            .Build();

        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync("hello", new ChatOptions { MaxOutputTokens = 6, Seed = 53 }))
            text += update.Text;
        var truth = Schedule(server, 53);

        var record = Assert.Single(records);
        Assert.True(record.Succeeded, record.ErrorMessage);
        Assert.Equal("app", record.Backend);
        Assert.Equal(text, record.OutputText);
        Assert.Equal(24, text.Length);
        Assert.Equal(6, record.OutputTokens());
        Assert.InRange(record.TtftMs()!.Value - truth.FirstTokenMs!.Value, -2, 100);
    }

    [Fact]
    public async Task UseTokenClock_records_failures_and_rethrows_them()
    {
        await using var server = await StartAsync();
        var records = new List<RequestRecord>();
        using var client = new ChatClientBuilder(new BackendChatClient(OpenAI(server, ("x-tokenclock-fault", "429"))))
            .UseTokenClock(records.Add)
            .Build();

        await Assert.ThrowsAsync<BackendException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync("hello")) { }
        });

        var record = Assert.Single(records);
        Assert.Equal(ErrorClass.RateLimited, record.Error);
    }
}
