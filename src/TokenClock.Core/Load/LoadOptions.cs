namespace TokenClock.Core.Load;

/// <summary>
/// What one load run does: its pattern and when it stops. Warm-up requests come first (indices
/// 0..Warmup-1) and all end before the first measured request is scheduled; they are stored with
/// <see cref="Results.RequestPhase.Warmup"/> and excluded from statistics.
/// </summary>
public sealed record LoadOptions
{
    /// <summary>Hard ceiling on requests of one load run, whatever the other settings (every loop bounded).</summary>
    public const int MaxRequestsCeiling = 1_000_000;

    /// <summary>How requests are sent (sequential, closed loop or open loop); sequential by default.</summary>
    public LoadPattern Pattern { get; init; } = LoadPattern.Sequential;
    /// <summary>Measured requests to send (warm-up not included); null means "until <see cref="Duration"/>".</summary>
    public int? Requests { get; init; }
    /// <summary>Warm-up requests sent before the measured ones; stored but left out of statistics. 0 by default.</summary>
    public int Warmup { get; init; }
    /// <summary>Stop scheduling new requests this long after the measured phase started (warm-up not included).</summary>
    public TimeSpan? Duration { get; init; }
    /// <summary>Per-request limit enforced by the engine for any backend; an overrun is classed Timeout.</summary>
    public TimeSpan? Timeout { get; init; }
    /// <summary>
    /// Open loop only: at most this many requests in flight. When reached, sending waits, and the wait shows
    /// up as queue delay (coordinated omission is reported, never hidden).
    /// </summary>
    public int MaxInFlight { get; init; } = 10_000;

    /// <summary>
    /// Open loop only: this exact list of arrivals (a shard of a planned load, see <see cref="Sharding.ShardPlanner"/>)
    /// instead of drawing the schedule from the pattern. Offsets are from the measured start, in time order.
    /// </summary>
    public IReadOnlyList<Sharding.PlannedArrival>? Arrivals { get; init; }

    /// <summary>Warm-up plus measured requests, or null when only a duration bounds the run.</summary>
    public int? TotalRequests => Requests is { } n ? Warmup + n : null;

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad value when the options cannot run.</summary>
    public void Validate()
    {
        if (Requests is null && Duration is null)
            throw new ArgumentException("a load needs a request count or a duration (or both) to stop");
        if (Requests is < 1) throw new ArgumentException($"requests must be at least 1, got {Requests}");
        if (Warmup < 0) throw new ArgumentException($"warmup must be 0 or more, got {Warmup}");
        if (Duration is { } d && d <= TimeSpan.Zero) throw new ArgumentException($"duration must be positive, got {d}");
        if (Timeout is { } t && t <= TimeSpan.Zero) throw new ArgumentException($"timeout must be positive, got {t}");
        if (Arrivals is not null) ValidateArrivals(Arrivals);
        if (MaxInFlight < 1) throw new ArgumentException($"max in flight must be at least 1, got {MaxInFlight}");
        switch (Pattern.Kind)
        {
            case LoadKind.Concurrency when Pattern.Concurrency < 1:
                throw new ArgumentException($"concurrency must be at least 1, got {Pattern.Concurrency}");
            case LoadKind.Rate when !(Pattern.Rate > 0) || double.IsInfinity(Pattern.Rate):
                throw new ArgumentException($"rate must be a positive number of requests per second, got {Pattern.Rate}");
            case LoadKind.Rate when Pattern.Arrival == ArrivalProcess.Gamma && !(Pattern.Burstiness > 0):
                throw new ArgumentException($"burstiness (coefficient of variation) must be positive, got {Pattern.Burstiness}");
        }
    }

    private void ValidateArrivals(IReadOnlyList<Sharding.PlannedArrival> arrivals)
    {
        if (Pattern.Kind != LoadKind.Rate)
            throw new ArgumentException($"an explicit arrival list needs a rate (open-loop) load, got {Pattern}");
        for (var i = 0; i < arrivals.Count; i++)
        {
            if (arrivals[i].OffsetNs < 0 || (i > 0 && arrivals[i].OffsetNs < arrivals[i - 1].OffsetNs))
                throw new ArgumentException($"arrival {i} (offset {arrivals[i].OffsetNs} ns) is out of time order; offsets must be 0 or more and non-decreasing");
            if (arrivals[i].Index < Warmup)
                throw new ArgumentException($"arrival {i} has index {arrivals[i].Index}, inside the {Warmup} warm-up indices");
        }
    }
}
