using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.AI;
using TokenClock.Routing.Hedging;
using TokenClock.Routing.Model;
using TokenClock.Routing.Telemetry;

namespace TokenClock.Routing.Routing;

/// <summary>
/// An <see cref="IChatClient"/> over several backends that sends each request where its predicted latency is best
/// for the expected output length (completion time, or time to first token for streaming UX), learns each
/// backend's latency online from the responses it relays, steers away from 429/5xx for their Retry-After, explores
/// a little, and optionally hedges on the first token. Responses pass through unchanged.
/// </summary>
public sealed class LatencyRoutingChatClient : IChatClient
{
    private static readonly GenAiTelemetry SharedTelemetry = new();
    private readonly BackendState[] _backends;
    private readonly LatencyRoutingOptions _options;
    private readonly RouteSelector _selector;
    private readonly FirstTokenHedger? _hedger;
    private readonly HedgingBudget _budget;
    private readonly GenAiTelemetry _telemetry;
    private readonly TimeProvider _time;

    /// <summary>A router over <paramref name="backends"/> (at least one, unique names); throws <see cref="ArgumentException"/>
    /// listing every problem with them or with <paramref name="options"/>.</summary>
    public LatencyRoutingChatClient(IEnumerable<RoutedBackend> backends, LatencyRoutingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(backends);
        _options = options ?? new LatencyRoutingOptions();
        var errors = _options.Validate().ToList();
        var list = backends.ToList();
        if (list.Count == 0) errors.Add("at least one backend is required");
        foreach (var dup in list.GroupBy(b => b.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add($"backend name '{dup.Key}' is used {dup.Count()} times; names must be unique (they label metrics)");
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _time = _options.TimeProvider;
        _backends = list.Select(b => new BackendState(b, new OnlineLatencyModel(b.Prior, _options.Forgetting), new BackendHealth(_time))).ToArray();
        _selector = new RouteSelector(_backends, _options.Objective, _options.Exploration, _options.ExplorationMaxRegret, _options.ExploreStaleAfter, _options.Seed, _time);
        _telemetry = _options.Telemetry ?? SharedTelemetry;
        var hedging = _options.Hedging;
        _budget = new HedgingBudget(hedging?.Budget ?? 0, hedging?.BudgetBurst ?? 0);
        if (hedging is { Enabled: true } && _backends.Length > 1)
            _hedger = new FirstTokenHedger(hedging, _budget, _time, maxHedges: Math.Min(_backends.Length - 1, 2));
    }

    /// <summary>The backends' names, in the order given.</summary>
    public IReadOnlyList<string> BackendNames => _backends.Select(b => b.Name).ToList();

    /// <summary>Requests routed so far.</summary>
    public long Requests => _budget.Requests;

    /// <summary>Extra requests sent by hedging so far.</summary>
    public long Hedges => _budget.Hedges;

    /// <summary>The learned model of one backend (for reports and tests).</summary>
    public OnlineLatencyModel ModelOf(string name) =>
        _backends.FirstOrDefault(b => b.Name == name)?.Model ?? throw new ArgumentException($"No backend named '{name}'; known: {string.Join(", ", BackendNames)}.", nameof(name));

    /// <summary>Streams the answer of the backend chosen for this request (or of the hedge that showed a token first).</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var input = ApproximateInputTokens(list);
        var expected = ExpectedOutput(list, options);
        var requestNumber = _budget.CountRequest();
        var (ranked, reason, predicted) = _selector.Rank(expected, input, requestNumber);
        var start = _time.GetTimestamp();
        using var activity = GenAiTelemetry.ActivitySource.StartActivity("chat " + (options?.ModelId ?? ranked[0].Metadata?.DefaultModelId ?? ranked[0].Name), ActivityKind.Client);
        activity?.SetTag("gen_ai.operation.name", "chat");
        activity?.SetTag("tokenclock.route.chosen", ranked[0].Name);
        activity?.SetTag("tokenclock.route.reason", reason.ToString());

        StreamHead? head = null;
        var hedged = false;
        ExceptionDispatchInfo? failure = null;
        try
        {
            if (_hedger is not null) (head, hedged) = await _hedger.OpenAsync(ranked, list, options, OnFailure, cancellationToken).ConfigureAwait(false);
            else head = await StreamHead.OpenAsync(ranked[0], list, options, _time, CancellationToken.None, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (_hedger is null) OnFailure(ranked[0], ex);
            failure = ExceptionDispatchInfo.Capture(ex);
        }
        if (head is null)
        {
            Finish(ranked[0], ranked[0], reason, hedged, expected, predicted, start, null, null, 0, input, null, failure!.SourceException, activity);
            failure!.Throw();
            yield break;
        }

        var tracker = new StreamTracker(_telemetry, ChunkTags(head.Backend, options), _time.TimestampFrequency);
        await using (head.ConfigureAwait(false))
        {
            foreach (var u in head.Buffered)
            {
                tracker.Observe(u, _time.GetTimestamp());
                yield return u;
            }
            while (true)
            {
                try
                {
                    if (!await head.MoveNextAsync().ConfigureAwait(false)) break;
                }
                catch (Exception ex)
                {
                    failure = ExceptionDispatchInfo.Capture(ex);
                    break;
                }
                tracker.Observe(head.Current, _time.GetTimestamp());
                yield return head.Current;
            }
        }
        Finish(ranked[0], head.Backend, reason, hedged, expected, predicted, start, head, tracker.LastTextTimestamp, tracker.OutputTokens, input, tracker.ResponseModel, failure?.SourceException, activity);
        failure?.Throw();
    }

    /// <summary>The routed answer, collected from <see cref="GetStreamingResponseAsync"/>.</summary>
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>This router when asked for its own type (or a base) without a key; the inner clients are not exposed.</summary>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>The inner clients belong to the caller, who disposes them.</summary>
    public void Dispose()
    {
    }

    private void OnFailure(BackendState backend, Exception ex) => backend.Health.Failed(ex);

    private void Finish(
        BackendState chosen, BackendState answered, RoutingReason reason, bool hedged, int expected, double predicted, long start,
        StreamHead? head, long? lastText, int outputTokens, int input, string? responseModel, Exception? error, Activity? activity)
    {
        var ttftMs = head?.FirstTokenTimestamp is { } ft ? Ms(start, ft) : (double?)null;
        var e2eMs = lastText is { } lt ? Ms(start, lt) : (double?)null;
        if (error is null && head is not null)
        {
            answered.Health.Succeeded();
            answered.Answered(_budget.Requests);
            // The answering backend's own latency runs from when it was sent, not from the call (a hedge starts late).
            if (head.FirstTokenTimestamp is { } first && lastText is { } last)
                answered.Model.Observe(new LatencyObservation(Ms(head.SentTimestamp, first), Ms(head.SentTimestamp, last), Math.Max(1, outputTokens), input));
        }
        var tags = Tags(answered, null, responseModel);
        if (error is not null) tags.Add("error.type", BackendHealth.ErrorType(error));
        _telemetry.OperationDuration.Record(Ms(start, _time.GetTimestamp()) / 1000, tags);
        if (ttftMs is { } t) _telemetry.TimeToFirstChunk.Record(t / 1000, tags);
        if (outputTokens > 0)
        {
            var outTags = tags;
            outTags.Add("gen_ai.token.type", "output");
            _telemetry.TokenUsage.Record(outputTokens, outTags);
        }
        var inTags = tags;
        inTags.Add("gen_ai.token.type", "input");
        _telemetry.TokenUsage.Record(input, inTags);
        _telemetry.Routed.Add(1, new KeyValuePair<string, object?>("tokenclock.route.backend", chosen.Name), new KeyValuePair<string, object?>("tokenclock.route.reason", reason.ToString()));
        if (hedged) _telemetry.Hedges.Add(1, new KeyValuePair<string, object?>("tokenclock.route.backend", chosen.Name));
        activity?.SetTag("tokenclock.route.answered", answered.Name);
        activity?.SetTag("tokenclock.route.hedged", hedged);
        activity?.SetTag("gen_ai.usage.output_tokens", outputTokens);
        if (error is not null)
        {
            activity?.SetTag("error.type", BackendHealth.ErrorType(error));
            activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        }
        _options.OnOutcome?.Invoke(new RoutingOutcome(chosen.Name, reason, head is null ? null : answered.Name, hedged, expected, predicted, ttftMs, e2eMs, outputTokens,
            error is null ? null : BackendHealth.ErrorType(error)));
    }

    private static TagList Tags(BackendState backend, ChatOptions? options, string? responseModel)
    {
        var tags = new TagList
        {
            { "gen_ai.operation.name", "chat" },
            { "gen_ai.provider.name", backend.Metadata?.ProviderName ?? backend.Name },
            { "gen_ai.request.model", options?.ModelId ?? backend.Metadata?.DefaultModelId ?? "unknown" },
            { "tokenclock.route.backend", backend.Name },
        };
        if (responseModel is not null) tags.Add("gen_ai.response.model", responseModel);
        if (backend.Metadata?.ProviderUri is { } uri)
        {
            tags.Add("server.address", uri.Host);
            tags.Add("server.port", uri.Port);
        }
        return tags;
    }

    // Per-chunk measurements carry only the identifying attributes: each extra tag costs on every streamed chunk.
    private static TagList ChunkTags(BackendState backend, ChatOptions? options) => new()
    {
        { "gen_ai.operation.name", "chat" },
        { "gen_ai.provider.name", backend.Metadata?.ProviderName ?? backend.Name },
        { "gen_ai.request.model", options?.ModelId ?? backend.Metadata?.DefaultModelId ?? "unknown" },
    };

    private int ExpectedOutput(IList<ChatMessage> messages, ChatOptions? options)
    {
        if (_options.ExpectedOutputTokens?.Invoke(messages, options) is { } custom and > 0) return custom;
        if (options?.AdditionalProperties?.TryGetValue(LatencyRoutingOptions.ExpectedOutputTokensKey, out var hint) == true
            && hint is not null && int.TryParse(Convert.ToString(hint, System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var h) && h > 0)
            return h;
        if (options?.MaxOutputTokens is { } max && max > 0) return max;
        var recent = _backends.Select(b => b.Model.RecentMeanOutputTokens()).Where(m => m is not null).Select(m => m!.Value).ToList();
        return recent.Count > 0 ? (int)Math.Round(recent.Average()) : _options.DefaultExpectedOutputTokens;
    }

    private static int ApproximateInputTokens(IList<ChatMessage> messages)
    {
        // A routing estimate only (about four characters per token); measured runs use real tokenizers.
        var chars = 0;
        foreach (var m in messages) chars += m.Text.Length;
        return (chars + 3) / 4;
    }

    private double Ms(long from, long to) => (to - from) * 1000.0 / _time.TimestampFrequency;
}
