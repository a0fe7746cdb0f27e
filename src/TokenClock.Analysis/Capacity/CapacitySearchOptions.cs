namespace TokenClock.Analysis.Capacity;

/// <summary>Bounds and shape of a capacity search (all validated by <see cref="Validate"/>).</summary>
public sealed record CapacitySearchOptions
{
    /// <summary>First rate tried, requests/s.</summary>
    public double StartRate { get; init; } = 1;
    /// <summary>Bracketing multiplies (or divides) the rate by this until one point passes and one fails.</summary>
    public double Growth { get; init; } = 2;
    /// <summary>Stop bisecting when the bracket's upper end is within this fraction above its lower end.</summary>
    public double Tolerance { get; init; } = 0.04;
    /// <summary>Below this rate the search gives up ("no rate holds").</summary>
    public double MinRate { get; init; } = 0.01;
    /// <summary>Above this rate the search stops ("holds at the ceiling").</summary>
    public double MaxRate { get; init; } = 100_000;
    /// <summary>Each point lasts about this long (requests = rate × seconds), and never has fewer than <see cref="MinRequestsPerPoint"/>.</summary>
    public double PointSeconds { get; init; } = 2;
    /// <summary>Fewest measured requests of one point, however low its rate.</summary>
    public int MinRequestsPerPoint { get; init; } = 100;
    /// <summary>Measured requests the whole search may send.</summary>
    public int MaxRequests { get; init; } = 3000;
    /// <summary>Wall time the whole search may take (a point that would overrun it is not started).</summary>
    public TimeSpan MaxTime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>One message per invalid option; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(StartRate > 0) || !double.IsFinite(StartRate)) errors.Add($"start rate must be a positive number of requests/s, got {StartRate}");
        if (!(Growth > 1) || Growth > 100) errors.Add($"growth must be above 1 and at most 100, got {Growth}");
        if (!(Tolerance > 0) || Tolerance >= 1) errors.Add($"tolerance must be between 0 and 1 (e.g. 0.04 for 4%), got {Tolerance}");
        if (!(MinRate > 0) || MinRate >= MaxRate) errors.Add($"min rate must be positive and below max rate ({MaxRate}), got {MinRate}");
        if (!(PointSeconds > 0) || PointSeconds > 3600) errors.Add($"point seconds must be above 0 and at most 3600, got {PointSeconds}");
        if (MinRequestsPerPoint < 1) errors.Add($"min requests per point must be at least 1, got {MinRequestsPerPoint}");
        if (MaxRequests < MinRequestsPerPoint) errors.Add($"max requests ({MaxRequests}) must allow at least one point of {MinRequestsPerPoint} requests");
        if (MaxTime <= TimeSpan.Zero) errors.Add($"max time must be positive, got {MaxTime}");
        return errors;
    }
}
