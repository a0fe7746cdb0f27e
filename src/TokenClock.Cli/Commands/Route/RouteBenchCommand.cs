using System.Globalization;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Core.Backends;
using TokenClock.Core.ChatClients;
using TokenClock.Core.Http;
using TokenClock.Routing.Bench;
using TokenClock.Routing.Hedging;
using TokenClock.Routing.Routing;
using TokenClock.Routing.Telemetry;
using TokenClock.Server.Hosting;
using TokenClock.Telemetry;
using TokenClock.Workloads.CorpusLoading;
using TokenClock.Workloads.Prompts;

namespace TokenClock.Cli.Commands.Route;

/// <summary>
/// <c>tokenclock route-bench</c>: starts the two simulators on loopback, reaches them through TokenClock's own HTTP
/// client, and runs the summarization mix under each strategy (see <see cref="RouteBenchRunner"/>).
/// </summary>
public sealed class RouteBenchCommand(CliConsoles consoles) : AsyncCommand<RouteBenchSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RouteBenchSettings settings, CancellationToken cancellationToken)
    {
        var words = ParseWords(settings.Words);
        var objective = settings.Objective.Trim().ToLowerInvariant() switch
        {
            "completion" or "e2e" => RoutingObjective.Completion,
            "ttft" or "first-token" => RoutingObjective.TimeToFirstToken,
            _ => throw new UsageException($"--objective '{settings.Objective}' is not known; use completion (E2E) or ttft (streaming)."),
        };
        if (settings.Requests < words.Count || settings.Requests > 100_000)
            throw new UsageException($"--requests {settings.Requests} must be between {words.Count} (one per length bucket) and 100000.");
        if (settings.Calibration is < 5 or > 10_000) throw new UsageException($"--calibration {settings.Calibration} must be between 5 and 10000.");
        if (settings.MaxDurationSeconds < 1) throw new UsageException($"--max-duration {settings.MaxDurationSeconds} must be at least 1 second.");
        if (settings.Concurrency is < 1 or > 1024) throw new UsageException($"--concurrency {settings.Concurrency} must be between 1 and 1024.");
        if (!(settings.HedgeBudget is >= 0 and <= 1)) throw new UsageException($"--hedge-budget {settings.HedgeBudget.ToString(CultureInfo.InvariantCulture)} must be between 0 and 1 (0.05 = at most 5% extra requests).");
        if (!(settings.HedgePercentile is > 0 and < 1)) throw new UsageException($"--hedge-percentile {settings.HedgePercentile.ToString(CultureInfo.InvariantCulture)} must be between 0 and 1 (0.95 = p95).");
        var hedging = new HedgingOptions { Budget = settings.HedgeBudget, Percentile = settings.HedgePercentile };
        var options = new RouteBenchOptions
        {
            Concurrency = settings.Concurrency,
            MaxDuration = TimeSpan.FromSeconds(settings.MaxDurationSeconds),
            Routing = new LatencyRoutingOptions { Objective = objective, Seed = settings.Seed },
            Hedging = hedging,
        };
        Uri? otlp = null;
        if (settings.OtlpEndpoint is not null && (!Uri.TryCreate(settings.OtlpEndpoint, UriKind.Absolute, out otlp) || otlp.Scheme is not ("http" or "https")))
            throw new UsageException($"--otlp-endpoint '{settings.OtlpEndpoint}' is not an absolute http(s) URL (e.g. http://127.0.0.1:4317).");
        if (settings.MetricsPort is < 1 or > 65535) throw new UsageException($"--metrics-port {settings.MetricsPort} must be between 1 and 65535.");

        using var exporters = TelemetryExporters.Start(new TelemetryExportOptions
        {
            OtlpEndpoint = otlp,
            PrometheusPort = settings.MetricsPort,
            Sources = [GenAiTelemetry.MeterName, GenAiTelemetry.ActivitySourceName],
        });
        await using var hosted = await TokenClockServer.StartSimulatorAsync(RouteBenchProfiles.HostedApi(settings.Seed), cancellationToken: cancellationToken);
        await using var local = await TokenClockServer.StartSimulatorAsync(RouteBenchProfiles.Local7B(settings.Seed), cancellationToken: cancellationToken);
        var registry = HttpBackends.Register(new BackendRegistry());
        await using var hostedBackend = registry.Create(new BackendOptions { Kind = "openai-compatible", Model = RouteBenchProfiles.Hosted, BaseUrl = hosted.OpenAIBaseUrl.ToString() });
        await using var localBackend = registry.Create(new BackendOptions { Kind = "openai-compatible", Model = RouteBenchProfiles.Local, BaseUrl = local.OpenAIBaseUrl.ToString() });
        RoutedBackend[] backends =
        [
            new(RouteBenchProfiles.Hosted, new BackendChatClient(hostedBackend, providerUri: hosted.BaseAddress)),
            new(RouteBenchProfiles.Local, new BackendChatClient(localBackend, providerUri: local.BaseAddress)),
        ];

        var documents = BundledCorpus.Load().Documents;
        var requests = Requests(documents, words, settings.Requests, settings.Seed, 0);
        var calibration = Requests(documents, words, settings.Calibration, settings.Seed + 1, 1);
        RouteBenchRun run;
        await using (var beat = ProgressHeartbeat.Start(consoles.ErrorWriter, string.Create(CultureInfo.InvariantCulture,
            $"route-bench: {settings.Requests} requests x 5 strategies at concurrency {settings.Concurrency}, objective {objective}; hosted-api {hosted.BaseAddress}, local-7b {local.BaseAddress}")))
        {
            run = await new RouteBenchRunner(backends, options).RunAsync(requests, calibration, beat.AsProgress(), cancellationToken);
        }
        var summary = RouteBenchSummary.From(run, [RouteBenchProfiles.Hosted, RouteBenchProfiles.Local], objective);
        if (settings.Json) RouteBenchOutput.WriteJson(consoles.OutWriter, summary, settings, run);
        else RouteBenchOutput.WriteText(summary, consoles.OutWriter);
        return 0;
    }

    private static List<int> ParseWords(string text)
    {
        var list = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var w) || w is < 1 or > 5000)
                throw new UsageException($"--words '{part}' is not a summary length between 1 and 5000 words (e.g. --words 5,25,100,400).");
            list.Add(w);
        }
        if (list.Count == 0) throw new UsageException("--words is empty; give summary lengths, e.g. --words 5,25,100,400.");
        if (list.Distinct().Count() != list.Count) throw new UsageException($"--words '{text}' repeats a length; give each bucket once.");
        return list;
    }

    /// <summary>Buckets filled evenly, documents in turn, then shuffled so buckets interleave in time.</summary>
    private static List<RouteBenchRequest> Requests(IReadOnlyList<CorpusDocument> documents, List<int> words, int count, int seed, int docOffset)
    {
        var list = new List<RouteBenchRequest>(count);
        for (var i = 0; i < count; i++)
        {
            var w = words[i % words.Count];
            var doc = documents[(i + docOffset) % documents.Count];
            var tokens = (int)Math.Round(w * 4 / 3.0, MidpointRounding.AwayFromZero);
            list.Add(new RouteBenchRequest(i, SummaryPrompts.Stuff(doc.Text, w), Math.Max(1, tokens), w.ToString(CultureInfo.InvariantCulture) + "w"));
        }
        var random = new Random(seed);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list.Select((r, i) => r with { Index = i }).ToList();
    }
}
