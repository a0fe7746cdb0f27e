namespace TokenClock.Routing.Routing;

/// <summary>
/// Orders backends for one request: healthy ones by predicted objective (a backend never observed predicts 0 and
/// so is tried early), the cooling-down ones last. With probability <c>exploration</c> a random healthy other goes
/// first, but only where exploring is cheap (predicted within <c>maxRegret</c> of the best) or the other has not
/// answered for <c>staleAfter</c> requests: exploring must not send a 500-token answer to a backend that needs
/// twice as long, yet a recovered backend must be noticed.
/// </summary>
internal sealed class RouteSelector(
    IReadOnlyList<BackendState> backends, RoutingObjective objective, double exploration, double maxRegret, long staleAfter, int seed, TimeProvider time)
{
    private readonly Random _random = new(seed);
    private readonly object _randomGate = new();

    public double Predict(BackendState b, int expectedOutput, int inputTokens) => objective == RoutingObjective.TimeToFirstToken
        ? b.Model.PredictTtftMs(inputTokens)
        : b.Model.PredictE2eMs(expectedOutput, inputTokens);

    public (BackendState[] Ranked, RoutingReason Reason, double Predicted) Rank(int expectedOutput, int inputTokens, long requestNumber)
    {
        var now = time.GetTimestamp();
        var ranked = new BackendState[backends.Count];
        var scores = new double[backends.Count];
        for (var i = 0; i < ranked.Length; i++)
        {
            ranked[i] = backends[i];
            var cooling = backends[i].Health.IsCoolingDown(now);
            // Cooling-down backends sort after every healthy one, in the order their cool-downs end.
            scores[i] = cooling ? 1e15 + backends[i].Health.CoolUntil : Predict(backends[i], expectedOutput, inputTokens);
        }
        Array.Sort(scores, ranked);
        var reason = scores[0] >= 1e15 ? RoutingReason.AllCoolingDown : RoutingReason.Best;
        if (reason == RoutingReason.Best && ranked.Length > 1 && exploration > 0)
        {
            var candidates = new List<int>(ranked.Length);
            for (var i = 1; i < ranked.Length && scores[i] < 1e15; i++)
                if (scores[i] <= scores[0] * (1 + maxRegret) || requestNumber - ranked[i].LastAnswered >= staleAfter)
                    candidates.Add(i);
            int pick = 0;
            lock (_randomGate)
                if (candidates.Count > 0 && _random.NextDouble() < exploration) pick = candidates[_random.Next(candidates.Count)];
            if (pick > 0)
            {
                (ranked[0], ranked[pick]) = (ranked[pick], ranked[0]);
                (scores[0], scores[pick]) = (scores[pick], scores[0]);
                reason = RoutingReason.Explore;
            }
        }
        return (ranked, reason, scores[0] >= 1e15 ? Predict(ranked[0], expectedOutput, inputTokens) : scores[0]);
    }
}
