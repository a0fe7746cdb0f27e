namespace TokenClock.Workloads.Summarization;

/// <summary>Command-line and storage names of <see cref="SummaryStrategy"/> values.</summary>
public static class SummaryStrategyNames
{
    /// <summary>Every name, in <see cref="SummaryStrategy"/> order.</summary>
    public static IReadOnlyList<string> All { get; } = ["stuff", "refine", "map-reduce"];

    /// <summary>The name of <paramref name="strategy"/>.</summary>
    public static string ToName(this SummaryStrategy strategy) => strategy switch
    {
        SummaryStrategy.Stuff => "stuff",
        SummaryStrategy.Refine => "refine",
        SummaryStrategy.MapReduce => "map-reduce",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, null),
    };

    /// <summary>Reads a name (case ignored; mapreduce and map_reduce also mean map-reduce); false for an unknown one.</summary>
    public static bool TryParse(string? name, out SummaryStrategy strategy)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "stuff": strategy = SummaryStrategy.Stuff; return true;
            case "refine": strategy = SummaryStrategy.Refine; return true;
            case "map-reduce" or "mapreduce" or "map_reduce": strategy = SummaryStrategy.MapReduce; return true;
            default: strategy = default; return false;
        }
    }
}
