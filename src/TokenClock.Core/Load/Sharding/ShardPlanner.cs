namespace TokenClock.Core.Load.Sharding;

/// <summary>
/// Splits one planned load over N workers so that together they run exactly that load. Open loop: the whole
/// arrival plan is drawn once and each arrival (an absolute offset from the shared start) goes to one shard,
/// round robin in time order, so the union of the shards is the planned arrival process and each shard runs at
/// rate/N. Closed loop: concurrency, request count and in-flight limit are split with the remainders going to
/// the first shards. Warm-up is split likewise. Shards that would get no work are not created.
/// </summary>
public static class ShardPlanner
{
    /// <summary>Splits <paramref name="options"/> into at most <paramref name="workers"/> shards that together run exactly that load; throws <see cref="ArgumentException"/> for invalid options or a load that is already a shard.</summary>
    public static IReadOnlyList<LoadShard> Split(LoadOptions options, int workers)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers), workers, "a load needs at least 1 worker");
        options.Validate();
        if (options.Arrivals is not null)
            throw new ArgumentException("this load is already a shard (it has an explicit arrival list); split the planned load instead");
        return options.Pattern.Kind switch
        {
            LoadKind.Rate => SplitOpenLoop(options, workers),
            LoadKind.Concurrency => SplitClosedLoop(options, workers),
            _ => [new LoadShard(0, 1, options, options.Warmup)], // one request at a time cannot be spread
        };
    }

    /// <summary>The share of <paramref name="total"/> for part <paramref name="part"/> of <paramref name="parts"/>: remainders first.</summary>
    public static int Share(int total, int parts, int part) => total / parts + (part < total % parts ? 1 : 0);

    private static IReadOnlyList<LoadShard> SplitOpenLoop(LoadOptions options, int workers)
    {
        var plan = ArrivalPlan.Plan(options);
        var shards = Math.Max(1, Math.Min(workers, plan.Count));
        var lists = new List<PlannedArrival>[shards];
        for (var s = 0; s < shards; s++) lists[s] = new List<PlannedArrival>(plan.Count / shards + 1);
        for (var i = 0; i < plan.Count; i++) lists[i % shards].Add(plan[i]);
        return Enumerable.Range(0, shards).Select(s => new LoadShard(s, shards, options with
        {
            Pattern = options.Pattern with { Rate = options.Pattern.Rate / shards },
            Arrivals = lists[s],
            Requests = lists[s].Count,
            Duration = null,
            Warmup = Share(options.Warmup, shards, s),
            MaxInFlight = Math.Max(1, Share(options.MaxInFlight, shards, s)),
        }, options.Warmup)).Where(s => s.Load.Arrivals!.Count > 0).ToArray();
    }

    private static IReadOnlyList<LoadShard> SplitClosedLoop(LoadOptions options, int workers)
    {
        var shards = Math.Min(workers, options.Pattern.Concurrency);
        if (options.Requests is { } n) shards = Math.Min(shards, n);
        return Enumerable.Range(0, shards).Select(s => new LoadShard(s, shards, options with
        {
            Pattern = options.Pattern with { Concurrency = Share(options.Pattern.Concurrency, shards, s) },
            Requests = options.Requests is { } r ? Share(r, shards, s) : null,
            Warmup = Share(options.Warmup, shards, s),
        }, options.Warmup)).ToArray();
    }
}
