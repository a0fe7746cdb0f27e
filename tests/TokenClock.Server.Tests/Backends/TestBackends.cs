using TokenClock.Core.Backends;
using TokenClock.Core.Http;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Core.Tokens;
using TokenClock.Server.Hosting;

namespace TokenClock.Server.Tests.Backends;

/// <summary>Builds real HTTP backends pointed at a simulator started by the test.</summary>
internal static class TestBackends
{
    public static readonly BackendRegistry Registry = HttpBackends.Register(new BackendRegistry());

    public static IBackend OpenAI(TokenClockServer server, params (string Name, string Value)[] headers) =>
        new OpenAIChatBackend(
            new BackendDescriptor("sim", "openai-compatible", "sim", server.OpenAIBaseUrl.ToString()),
            new HttpBackendEndpoint(new Uri(server.OpenAIBaseUrl + "/chat/completions"), TimeSpan.FromSeconds(30),
                headers: headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))));

    public static IBackend OpenAIWithTimeout(TokenClockServer server, TimeSpan timeout, params (string Name, string Value)[] headers) =>
        new OpenAIChatBackend(
            new BackendDescriptor("sim", "openai-compatible", "sim"),
            new HttpBackendEndpoint(new Uri(server.OpenAIBaseUrl + "/chat/completions"), timeout,
                headers: headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))));

    public static IBackend Anthropic(TokenClockServer server, params (string Name, string Value)[] headers) =>
        new AnthropicBackend(
            new BackendDescriptor("sim", "anthropic", "sim"),
            new HttpBackendEndpoint(new Uri(server.BaseAddress, "v1/messages"), TimeSpan.FromSeconds(30),
                headers: headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))));

    public static Task<RequestRecord> RecordAsync(IBackend backend, BackendRequest request, CancellationToken ct = default) =>
        new RequestRecorder(new RunClock(), ApproximateTokenCounter.Instance).RecordAsync(backend, request, 0, RequestPhase.Measured, 0, ct);

    public static BackendRequest Request(int maxTokens, int seed) =>
        new() { Prompt = "Summarize: the quick brown fox.", MaxTokens = maxTokens, Seed = seed, IgnoreEos = true };

    /// <summary>
    /// The schedule of the request with this seed. The server stores it when its handler returns, which can be a
    /// moment after the client read the last event, so this waits (bounded) for it.
    /// </summary>
    public static ResponseSchedule Schedule(TokenClockServer server, int seed) =>
        Wait(() => server.Schedules.TryGetBySeed(seed, out var s) ? s : null, $"seed {seed}");

    /// <summary>The n-th schedule (1-based) the server stored, for protocols without a seed (Anthropic).</summary>
    public static ResponseSchedule NthSchedule(TokenClockServer server, int n) =>
        Wait(() => server.Schedules.Snapshot() is { } all && all.Count >= n ? all[n - 1] : null, $"request #{n}");

    private static ResponseSchedule Wait(Func<ResponseSchedule?> find, string what)
    {
        for (var i = 0; i < 200; i++)
        {
            if (find() is { } s) return s;
            Thread.Sleep(10);
        }
        throw new InvalidOperationException($"no schedule for {what}");
    }
}
