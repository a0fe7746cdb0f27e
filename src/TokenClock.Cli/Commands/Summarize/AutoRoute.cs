using System.Collections.Concurrent;
using System.Globalization;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Backends;
using TokenClock.Core.ChatClients;
using TokenClock.Core.Results;
using TokenClock.Routing.Model;
using TokenClock.Routing.Routing;
using TokenClock.Storage;
using TokenClock.Workloads.Prompts;

namespace TokenClock.Cli.Commands.Summarize;

/// <summary>
/// <c>summarize --backend auto --route ... --route ...</c>: the summary's calls go through the latency-aware router
/// (TokenClock.Routing) over the given backends. Each backend is seeded from the newest stored run in --db that
/// measured its model; without one the router learns from the live calls. The router sees the summary's expected
/// length (target words, not the output cap), so short summaries go where short answers finish first.
/// The calls are measured at the router's <c>IChatClient</c> boundary: TTFT includes the router's own work.
/// </summary>
internal sealed class AutoRoute : IAsyncDisposable
{
    public const string Kind = "auto";
    /// <summary>Stored runs looked at, newest first, for each backend's prior.</summary>
    private const int RunsSearched = 20;
    private const int MinRequestsForPrior = 5;

    private readonly List<IBackend> _backends;
    private readonly LatencyRoutingChatClient _router;
    private readonly ConcurrentQueue<RoutingOutcome> _outcomes = new();

    private AutoRoute(List<IBackend> backends, List<RoutedBackend> routed, int summaryWords, IReadOnlyList<string> priorNotes)
    {
        _backends = backends;
        PriorNotes = priorNotes;
        var expected = SummaryPrompts.TargetTokens(summaryWords);
        _router = new LatencyRoutingChatClient(routed, new LatencyRoutingOptions
        {
            // The cap (--max-tokens) is a ceiling for safety; the summary's target length is what the call will take.
            ExpectedOutputTokens = (_, options) => options?.MaxOutputTokens is { } max ? Math.Min(max, expected) : expected,
            OnOutcome = _outcomes.Enqueue,
        });
        Backend = new ChatClientBackend(_router, new BackendDescriptor("auto", Kind, "auto", "route://" + string.Join('+', routed.Select(r => r.Name))));
    }

    /// <summary>The backend the summarizer calls: the router, measured as an <c>IChatClient</c>.</summary>
    public IBackend Backend { get; }

    /// <summary>One line per routed backend saying where its prior came from.</summary>
    public IReadOnlyList<string> PriorNotes { get; }

    /// <summary>Parses and validates every <c>--route</c>; refuses what could not take effect.</summary>
    public static IReadOnlyList<BackendOptions> Parse(string[]? routes, BackendRegistry registry)
    {
        if (routes is null || routes.Length < 2)
            throw new UsageException("--backend auto routes between two or more backends; give each as --route KIND,MODEL[,BASE_URL[,API_KEY_ENV]], e.g. --route openai-compatible,llama,http://127.0.0.1:8080/v1 --route openai,gpt-4o-mini,,OPENAI_API_KEY");
        var options = new List<BackendOptions>();
        foreach (var route in routes)
        {
            var parts = route.Split(',');
            if (parts.Length is < 2 or > 4 || string.IsNullOrWhiteSpace(parts[0]) || string.IsNullOrWhiteSpace(parts[1]))
                throw new UsageException($"--route '{route}' is not KIND,MODEL[,BASE_URL[,API_KEY_ENV]] (e.g. openai-compatible,llama,http://127.0.0.1:8080/v1).");
            if (parts[0].Trim() == Kind) throw new UsageException($"--route '{route}': a routed backend cannot itself be 'auto'.");
            var o = new BackendOptions
            {
                Kind = parts[0].Trim(),
                Model = parts[1].Trim(),
                BaseUrl = parts.Length > 2 && parts[2].Trim().Length > 0 ? parts[2].Trim() : null,
                ApiKeyEnv = parts.Length > 3 && parts[3].Trim().Length > 0 ? parts[3].Trim() : null,
            };
            var problems = registry.Validate(o);
            if (problems.Count > 0) throw new UsageException($"--route '{route}': {string.Join("; ", problems)}");
            options.Add(o);
        }
        var duplicate = options.GroupBy(o => Name(o)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new UsageException($"--route names the backend '{duplicate.Key}' twice; give each backend once.");
        return options;
    }

    public static async Task<AutoRoute> CreateAsync(IReadOnlyList<BackendOptions> routes, BackendRegistry registry, string db, int summaryWords, CancellationToken cancellationToken)
    {
        var (priors, notes) = await PriorsAsync(routes, db, cancellationToken);
        var backends = new List<IBackend>();
        var routed = new List<RoutedBackend>();
        try
        {
            foreach (var o in routes)
            {
                var backend = registry.Create(o);
                backends.Add(backend);
                routed.Add(new RoutedBackend(Name(o), new BackendChatClient(backend), priors.GetValueOrDefault(Name(o))));
            }
        }
        catch
        {
            foreach (var b in backends) await b.DisposeAsync();
            throw;
        }
        return new AutoRoute(backends, routed, summaryWords, notes);
    }

    /// <summary>Opens each routed backend's connections before the first call, as a single backend would be.</summary>
    public async Task PrepareAsync(int connections, CancellationToken cancellationToken)
    {
        foreach (var b in _backends)
            if (b is IPreparableBackend p) await p.PrepareAsync(connections, cancellationToken);
    }

    /// <summary>Where the calls went: calls answered per backend, and hedges.</summary>
    public IReadOnlyDictionary<string, double> Metrics()
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var o in _outcomes)
        {
            var key = $"route.{o.Answered ?? o.Chosen}.calls";
            metrics[key] = metrics.GetValueOrDefault(key) + 1;
            if (o.Hedged) metrics["route.hedges"] = metrics.GetValueOrDefault("route.hedges") + 1;
        }
        return metrics;
    }

    private static string Name(BackendOptions o) => $"{o.Kind}/{o.Model}";

    private static async Task<(Dictionary<string, LatencyPrior> Priors, List<string> Notes)> PriorsAsync(
        IReadOnlyList<BackendOptions> routes, string db, CancellationToken cancellationToken)
    {
        var priors = new Dictionary<string, LatencyPrior>(StringComparer.Ordinal);
        var notes = new List<string>();
        var found = new Dictionary<string, (long RunId, List<RequestRecord> Records)>(StringComparer.Ordinal);
        if (File.Exists(db))
        {
            await using var store = await SqliteRunStore.OpenReadOnlyAsync(db, cancellationToken);
            var runs = (await store.ListRunsAsync(cancellationToken)).OrderByDescending(r => r.Id).Take(RunsSearched);
            foreach (var run in runs)
            {
                if (found.Count == routes.Count) break;
                var records = await store.GetRequestsAsync(run.Id, cancellationToken);
                foreach (var o in routes.Where(o => !found.ContainsKey(Name(o))))
                {
                    var mine = records.Where(r => r.Model == o.Model && r.Succeeded && r.Phase == RequestPhase.Measured).ToList();
                    if (mine.Count >= MinRequestsForPrior) found[Name(o)] = (run.Id, mine);
                }
            }
        }
        foreach (var o in routes)
        {
            if (found.TryGetValue(Name(o), out var f))
            {
                var prior = LatencyPrior.FromRecords(f.Records);
                priors[Name(o)] = prior;
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"route {Name(o)}: prior from run {f.RunId} ({f.Records.Count} requests of model {o.Model}): TTFT {prior.TtftMs:0.#} ms, {prior.MsPerOutputToken:0.##} ms/token"));
            }
            else
                notes.Add($"route {Name(o)}: no stored run of model {o.Model} in {db}; the router learns it from these calls");
        }
        return (priors, notes);
    }

    public async ValueTask DisposeAsync()
    {
        _router.Dispose();
        foreach (var b in _backends) await b.DisposeAsync();
    }
}
