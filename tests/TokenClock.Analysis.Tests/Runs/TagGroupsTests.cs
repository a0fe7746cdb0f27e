using TokenClock.Analysis.Runs;
using TokenClock.Core.Results;

namespace TokenClock.Analysis.Tests.Runs;

public sealed class TagGroupsTests
{
    private static readonly AnalysisOptions Options = new() { PercentileResamples = 50 };

    private static RequestRecord Request(int index, double ttftMs, double e2eMs, params (string Key, string Value)[] tags) => new()
    {
        Index = index,
        Backend = "b",
        Model = "m",
        ScheduledNs = index * 1_000_000_000L,
        SentNs = index * 1_000_000_000L,
        FirstTokenNs = index * 1_000_000_000L + (long)(ttftMs * 1e6),
        LastTokenNs = index * 1_000_000_000L + (long)(e2eMs * 1e6),
        EndNs = index * 1_000_000_000L + (long)(e2eMs * 1e6),
        Tags = tags.ToDictionary(t => t.Key, t => t.Value),
    };

    [Fact]
    public void First_turns_and_later_turns_get_their_own_ttft_and_e2e()
    {
        // Turn 1 pays the whole prefill (200 ms); later turns hit a prefix cache (20 ms).
        var requests = Enumerable.Range(0, 30).Select(i => Request(i, i % 3 == 0 ? 200 : 20, i % 3 == 0 ? 300 : 120, ("turn", (i % 3 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList();

        var groups = TagGroups.Of(requests, Options, 7);

        Assert.Equal(["turn 1", "turn 2", "turn 3", "turns 2+"], groups.Select(g => g.Label));
        Assert.Equal([10, 10, 10, 20], groups.Select(g => g.Requests));
        Assert.Equal(200, groups[0].Ttft!.Median.Value, 0.5);
        Assert.Equal(20, groups[3].Ttft!.Median.Value, 0.5);
        Assert.Equal(120, groups[3].E2e!.Median.Value, 0.5);
        Assert.True(groups[3].Ttft!.Median.Upper < groups[0].Ttft!.Median.Lower);
    }

    [Fact]
    public void Prefix_groups_split_in_numeric_order()
    {
        var requests = Enumerable.Range(0, 24).Select(i => Request(i, 10 + i % 12, 50, ("prefix_group", (i % 12).ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList();

        var groups = TagGroups.Of(requests, Options, 7);

        Assert.Equal(Enumerable.Range(0, 12).Select(g => "prefix group " + g.ToString(System.Globalization.CultureInfo.InvariantCulture)), groups.Select(g => g.Label));
        Assert.All(groups, g => Assert.Equal(2, g.Requests));
    }

    [Fact]
    public void Untagged_or_single_valued_series_get_no_groups()
    {
        var untagged = Enumerable.Range(0, 10).Select(i => Request(i, 10, 50)).ToList();
        var oneTurn = Enumerable.Range(0, 10).Select(i => Request(i, 10, 50, ("turn", "1"), ("dataset", "d.jsonl"))).ToList();

        Assert.Empty(TagGroups.Of(untagged, Options, 7));
        Assert.Empty(TagGroups.Of(oneTurn, Options, 7));
    }
}
