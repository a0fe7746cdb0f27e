using TokenClock.Analysis.Statistics;

namespace TokenClock.Analysis.Runs;

/// <summary>
/// A series' analyzed requests that share one workload tag value: turn 2 of multi-turn sessions, prefix group 0 of
/// shared-prefix prompts. TTFT and E2E per group show what the history or a prefix cache changes.
/// </summary>
/// <param name="Tag">The request tag: <c>turn</c> or <c>prefix_group</c>.</param>
/// <param name="Requests">Analyzed requests in the group.</param>
/// <param name="Ttft">TTFT of the group, ms; null without samples.</param>
/// <param name="E2e">E2E of the group, ms; null without samples.</param>
/// <param name="Value">The tag's value ("1", "2"...), or "2+" for every turn after the first.</param>
public sealed record TagGroup(string Tag, string Value, int Requests, SampleSummary? Ttft, SampleSummary? E2e)
{
    /// <summary>"turn 2", "turns 2+", "prefix group 0".</summary>
    public string Label => Tag switch
    {
        "turn" when Value.EndsWith('+') => "turns " + Value,
        "prefix_group" => "prefix group " + Value,
        _ => Tag + " " + Value,
    };
}
