using Microsoft.Extensions.AI;
using TokenClock.Core.Backends;
using TokenClock.Core.ChatClients;
using TokenClock.Core.Http;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;

namespace TokenClock.Routing.Tests;

/// <summary>Real simulator servers on loopback, each reached through TokenClock's own HTTP client as an IChatClient.</summary>
internal sealed class Simulators : IAsyncDisposable
{
    private static readonly BackendRegistry Registry = HttpBackends.Register(new BackendRegistry());
    private readonly List<TokenClockServer> _servers = [];
    private readonly List<IBackend> _backends = [];

    public async Task<IChatClient> StartAsync(SimulationProfile profile)
    {
        var server = await TokenClockServer.StartSimulatorAsync(profile);
        _servers.Add(server);
        var backend = Registry.Create(new BackendOptions { Kind = "openai-compatible", Model = profile.Model, BaseUrl = server.OpenAIBaseUrl.ToString() });
        _backends.Add(backend);
        return new BackendChatClient(backend, providerUri: server.BaseAddress);
    }

    public static SimulationProfile Profile(string model, double ttftMs, double tpotMs, FaultProfile? faults = null) => new()
    {
        Model = model,
        Ttft = LatencyDistribution.Fixed(ttftMs),
        Tpot = LatencyDistribution.Fixed(tpotMs),
        Faults = faults ?? FaultProfile.None,
    };

    public static IList<ChatMessage> Prompt(string text = "Summarize: the quick brown fox jumps over the lazy dog.") => [new(ChatRole.User, text)];

    public static async Task<(string Text, int Chunks)> ReadAllAsync(IAsyncEnumerable<ChatResponseUpdate> stream, CancellationToken ct = default)
    {
        var text = new System.Text.StringBuilder();
        var chunks = 0;
        await foreach (var u in stream.WithCancellation(ct))
        {
            if (!string.IsNullOrEmpty(u.Text)) chunks++;
            text.Append(u.Text);
        }
        return (text.ToString(), chunks);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var b in _backends) await b.DisposeAsync();
        foreach (var s in _servers) await s.DisposeAsync();
    }
}
