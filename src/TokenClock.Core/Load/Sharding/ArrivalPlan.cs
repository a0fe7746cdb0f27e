namespace TokenClock.Core.Load.Sharding;

/// <summary>
/// The open-loop arrival process of a rate load written out: the same seeded gaps, the same stop rules (request
/// count, duration, ceiling) and the same indices that <see cref="LoadRunner"/> uses, because it uses this.
/// </summary>
internal static class ArrivalPlan
{
    /// <summary>Arrivals in time order, lazily; the first is due at offset 0, indices start after the warm-up.</summary>
    public static IEnumerable<PlannedArrival> Enumerate(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Pattern.Kind != LoadKind.Rate)
            throw new ArgumentException($"an arrival plan needs a rate (open-loop) load, got {options.Pattern}");
        return EnumerateCore(options);
    }

    /// <summary>The whole plan in memory; the run must be bounded by a request count or a duration.</summary>
    public static IReadOnlyList<PlannedArrival> Plan(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Enumerate(options).ToArray();
    }

    private static IEnumerable<PlannedArrival> EnumerateCore(LoadOptions options)
    {
        var schedule = ArrivalSchedule.For(options.Pattern);
        long offset = 0;
        for (var index = options.Warmup; ; index++)
        {
            if (index >= LoadOptions.MaxRequestsCeiling) yield break;
            if (options.Requests is { } n && index - options.Warmup >= n) yield break;
            if (options.Duration is { } d && offset >= d.Ticks * 100) yield break;
            yield return new PlannedArrival(index, offset);
            offset += schedule.NextGapNs();
        }
    }
}
