namespace TokenClock.Workloads.Summarization;

/// <summary>Command-line and storage names of <see cref="SummaryStrategy"/> values.</summary>
public static class SummaryStrategyNames
{
    public static IReadOnlyList<string> All { get; } = ["stuff", "refine", "map-reduce"];

    public static string ToName(this SummaryStrategy strategy) => strategy switch
    {
        SummaryStrategy.Stuff => "stuff",
        SummaryStrategy.Refine => "refine",
        SummaryStrategy.MapReduce => "map-reduce",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, null),
    };

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
