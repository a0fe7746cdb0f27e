using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using TokenClock.Routing.Model;
using TokenClock.Routing.Routing;

namespace TokenClock.Routing.Bench;

/// <summary>
/// Runs one request list under each strategy — every backend alone, round-robin, latency routing, routing with
/// hedging — at a fixed concurrency, bounded in requests and time. The routers start from a calibration pass
/// (the "stored run" they are seeded from) that is not counted. Which backend answered is read from the
/// response's model name, so each backend must answer with its own name as its model.
/// </summary>
public sealed class RouteBenchRunner(IReadOnlyList<RoutedBackend> backends, RouteBenchOptions options)
{
    /// <summary>Strategy names as results carry them (a single backend's strategy is its name).</summary>
    public const string RoundRobin = "round-robin", Routing = "routing", RoutingHedged = "routing+hedging";

    /// <summary>Runs <paramref name="requests"/> under every strategy after sending <paramref name="calibration"/> to
    /// each backend; throws <see cref="ArgumentException"/> for invalid options.</summary>
    /// <param name="requests">The measured request list, the same for every strategy.</param>
    /// <param name="calibration">Requests sent to every backend first to seed the routers' priors; not counted.</param>
    /// <param name="progress">One line per phase, or null.</param>
    /// <param name="ct">Stops the benchmark.</param>
    public async Task<RouteBenchRun> RunAsync(
        IReadOnlyList<RouteBenchRequest> requests, IReadOnlyList<RouteBenchRequest> calibration, IProgress<string>? progress, CancellationToken ct)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        var deadline = Stopwatch.StartNew();
        var all = new List<RouteBenchResult>();
        var hedges = new Dictionary<string, long>();

        progress?.Report($"calibrating: {calibration.Count} requests per backend");
        var seed = new Dictionary<string, List<LatencyObservation>>();
        foreach (var b in backends)
        {
            var results = await RunStrategyAsync("calibration:" + b.Name, b.Client, calibration, deadline, ct).ConfigureAwait(false);
            seed[b.Name] = results.Where(r => r.TtftMs is not null && r.E2eMs is not null)
                .Select(r => new LatencyObservation(r.TtftMs!.Value, r.E2eMs!.Value, r.OutputTokens, calibration[0].Prompt.Length / 4)).ToList();
        }

        foreach (var b in backends)
        {
            progress?.Report($"{b.Name} alone: {requests.Count} requests");
            all.AddRange(await RunStrategyAsync(b.Name, b.Client, requests, deadline, ct).ConfigureAwait(false));
        }
        progress?.Report($"{RoundRobin}: {requests.Count} requests");
        all.AddRange(await RunStrategyAsync(RoundRobin, new RoundRobinChatClient(backends.Select(b => b.Client).ToList()), requests, deadline, ct).ConfigureAwait(false));

        foreach (var (name, hedging) in new[] { (Routing, (Hedging.HedgingOptions?)null), (RoutingHedged, options.Hedging) })
        {
            progress?.Report($"{name}: {requests.Count} requests");
            var routerOptions = options.Routing with { Hedging = hedging };
            using var router = new LatencyRoutingChatClient(backends, routerOptions);
            foreach (var (backend, observations) in seed)
                foreach (var o in observations) router.ModelOf(backend).Observe(o);
            all.AddRange(await RunStrategyAsync(name, router, requests, deadline, ct).ConfigureAwait(false));
            hedges[name] = router.Hedges;
        }
        return new RouteBenchRun(all, hedges, requests.Count);
    }

    private async Task<List<RouteBenchResult>> RunStrategyAsync(
        string strategy, IChatClient client, IReadOnlyList<RouteBenchRequest> requests, Stopwatch deadline, CancellationToken ct)
    {
        var results = new ConcurrentBag<RouteBenchResult>();
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(options.Concurrency, requests.Count)).Select(async _ =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= requests.Count) return;
                if (deadline.Elapsed > options.MaxDuration)
                    throw new TimeoutException($"route-bench passed its time limit of {options.MaxDuration.TotalSeconds:0} s; use fewer requests or a higher concurrency");
                results.Add(await OneAsync(strategy, client, requests[i], ct).ConfigureAwait(false));
            }
        });
        await Task.WhenAll(workers).ConfigureAwait(false);
        return results.OrderBy(r => r.Index).ToList();
    }

    private static async Task<RouteBenchResult> OneAsync(
        string strategy, IChatClient client, RouteBenchRequest request, CancellationToken ct)
    {
        var chatOptions = new ChatOptions
        {
            MaxOutputTokens = request.OutputTokens,
            AdditionalProperties = new() { [LatencyRoutingOptions.ExpectedOutputTokensKey] = request.OutputTokens },
        };
        var start = Stopwatch.GetTimestamp();
        double? ttft = null, e2e = null;
        string? model = null;
        var tokens = 0;
        try
        {
            await foreach (var u in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, request.Prompt)], chatOptions, ct).ConfigureAwait(false))
            {
                model ??= u.ModelId;
                if (string.IsNullOrEmpty(u.Text)) continue;
                var now = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                ttft ??= now;
                e2e = now;
                tokens++;
            }
            return new RouteBenchResult(strategy, request.Index, request.Bucket, tokens, model, ttft, e2e, null);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return new RouteBenchResult(strategy, request.Index, request.Bucket, tokens, model, ttft, e2e, BackendHealth.ErrorType(ex));
        }
    }
}
