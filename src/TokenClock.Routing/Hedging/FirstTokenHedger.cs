using Microsoft.Extensions.AI;
using Polly;
using Polly.Hedging;
using TokenClock.Routing.Routing;

namespace TokenClock.Routing.Hedging;

/// <summary>
/// Races the ranked backends for the first visible token with Polly's hedging strategy: the primary starts at
/// once; if it shows no token within the hedging delay (or fails with an error), the next-ranked backend gets the
/// same request, within the budget. The first head to arrive wins; Polly cancels the rest and disposes any
/// head that lost, which closes its stream.
/// </summary>
internal sealed class FirstTokenHedger
{
    private static readonly ResiliencePropertyKey<Race> RaceKey = new("tokenclock.race");
    private readonly ResiliencePipeline<StreamHead> _pipeline;
    private readonly HedgingOptions _options;
    private readonly HedgingBudget _budget;
    private readonly TimeProvider _time;

    public FirstTokenHedger(HedgingOptions options, HedgingBudget budget, TimeProvider time, int maxHedges)
    {
        _options = options;
        _budget = budget;
        _time = time;
        _pipeline = new ResiliencePipelineBuilder<StreamHead> { TimeProvider = time }
            .AddHedging(new HedgingStrategyOptions<StreamHead>
            {
                MaxHedgedAttempts = Math.Max(1, maxHedges),
                // Handle failures (so a 429 from the primary hedges at once); a head is always a result to accept.
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is not null and not OperationCanceledException),
                DelayGenerator = args => ValueTask.FromResult(DelayFor(args.Context, args.AttemptNumber)),
                ActionGenerator = args =>
                {
                    var race = args.PrimaryContext.Properties.GetValue(RaceKey, null!);
                    if (args.AttemptNumber >= race.Ranked.Length || !_budget.TryAcquire()) return null;
                    var backend = race.Ranked[args.AttemptNumber];
                    race.Hedged = true;
                    var token = args.ActionContext.CancellationToken;
                    return async () =>
                    {
                        try
                        {
                            return Outcome.FromResult(await StreamHead.OpenAsync(backend, race.Messages, race.Options, _time, token, race.CallerToken).ConfigureAwait(false));
                        }
                        catch (Exception ex)
                        {
                            race.OnFailure(backend, ex);
                            return Outcome.FromException<StreamHead>(ex);
                        }
                    };
                },
            })
            .Build();
    }

    public long Hedges => _budget.Hedges;

    public async ValueTask<(StreamHead Head, bool Hedged)> OpenAsync(
        BackendState[] ranked, IList<ChatMessage> messages, ChatOptions? options, Action<BackendState, Exception> onFailure, CancellationToken ct)
    {
        var race = new Race(ranked, messages, options, onFailure, ct);
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(RaceKey, race);
        try
        {
            var head = await _pipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    var (hedger, r) = state;
                    try
                    {
                        return await StreamHead.OpenAsync(r.Ranked[0], r.Messages, r.Options, hedger._time, ctx.CancellationToken, r.CallerToken).ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        r.OnFailure(r.Ranked[0], ex);
                        throw;
                    }
                },
                context,
                (this, race)).ConfigureAwait(false);
            return (head, race.Hedged);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private TimeSpan DelayFor(ResilienceContext context, int attempt)
    {
        if (_options.Delay is { } fixedDelay) return fixedDelay;
        var race = context.Properties.GetValue(RaceKey, null!);
        // The backend that has been waiting is the previous attempt's.
        var waiting = race.Ranked[Math.Clamp(attempt - 1, 0, race.Ranked.Length - 1)].Model;
        var tail = waiting.RecentTtftPercentileMs(_options.Percentile, _options.MinSamples);
        var ms = tail is { } t
            ? Math.Max(t, _options.MinDelayOverMedian * (waiting.RecentTtftPercentileMs(0.5, _options.MinSamples) ?? 0))
            : _options.ColdStartMultiplier * Math.Max(1, waiting.PredictTtftMs(0));
        return TimeSpan.FromMilliseconds(Math.Max(1, ms));
    }

    private sealed class Race(BackendState[] ranked, IList<ChatMessage> messages, ChatOptions? options, Action<BackendState, Exception> onFailure, CancellationToken callerToken)
    {
        public BackendState[] Ranked { get; } = ranked;
        public IList<ChatMessage> Messages { get; } = messages;
        public ChatOptions? Options { get; } = options;
        public CancellationToken CallerToken { get; } = callerToken;
        public volatile bool Hedged;

        public void OnFailure(BackendState backend, Exception ex)
        {
            if (ex is OperationCanceledException) return;
            onFailure(backend, ex);
        }
    }
}
