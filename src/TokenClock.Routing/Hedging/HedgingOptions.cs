namespace TokenClock.Routing.Hedging;

/// <summary>
/// First-token hedging: if no visible token has arrived after the chosen backend's recent TTFT percentile
/// (or <see cref="Delay"/>), the same request goes to the next-best backend; the first to show a token wins and the
/// other is cancelled. <see cref="Budget"/> caps extra requests as a fraction of all requests.
/// </summary>
public sealed record HedgingOptions
{
    /// <summary>False turns hedging off while keeping the other settings.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>A fixed hedging delay; null = the chosen backend's recent <see cref="Percentile"/> TTFT.</summary>
    public TimeSpan? Delay { get; init; }
    /// <summary>Which recent-TTFT percentile triggers the hedge (0.95 = p95).</summary>
    public double Percentile { get; init; } = 0.95;
    /// <summary>
    /// The delay is never below this multiple of the recent median TTFT: for a backend whose TTFTs are tightly
    /// spread, its p95 sits just above the median and most hedges would race a token that is about to arrive,
    /// spending the budget on nothing instead of on real stalls.
    /// </summary>
    public double MinDelayOverMedian { get; init; } = 1.5;
    /// <summary>Delay used until a backend has <see cref="MinSamples"/> observations: this many times its predicted TTFT.</summary>
    public double ColdStartMultiplier { get; init; } = 3;
    /// <summary>Observations a backend needs before its recent TTFT percentile sets the delay.</summary>
    public int MinSamples { get; init; } = 20;
    /// <summary>Extra requests allowed, as a fraction of routed requests (0.05 = at most 5% more).</summary>
    public double Budget { get; init; } = 0.05;
    /// <summary>Hedges allowed beyond the fraction before any traffic has accrued it.</summary>
    public int BudgetBurst { get; init; }

    /// <summary>One message per invalid setting; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Delay is { } d && d <= TimeSpan.Zero) errors.Add($"hedging delay '{d}' must be positive");
        if (!(Percentile is > 0 and < 1)) errors.Add($"hedging percentile '{Percentile}' must be between 0 and 1 (0.95 = p95)");
        if (!(MinDelayOverMedian >= 0)) errors.Add($"hedging min delay over median '{MinDelayOverMedian}' must be >= 0 (0 = plain percentile)");
        if (!(ColdStartMultiplier >= 1)) errors.Add($"hedging cold-start multiplier '{ColdStartMultiplier}' must be >= 1");
        if (MinSamples < 1) errors.Add($"hedging min samples '{MinSamples}' must be >= 1");
        if (!(Budget is >= 0 and <= 1)) errors.Add($"hedging budget '{Budget}' must be between 0 and 1 (0.05 = at most 5% extra requests)");
        if (BudgetBurst < 0) errors.Add($"hedging budget burst '{BudgetBurst}' must be >= 0");
        return errors;
    }
}
