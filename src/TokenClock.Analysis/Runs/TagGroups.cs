using System.Globalization;
using TokenClock.Analysis.Statistics;
using TokenClock.Core.Results;

namespace TokenClock.Analysis.Runs;

/// <summary>
/// Splits a series by the tags dataset and shared-prefix workloads put on each request (<c>turn</c>,
/// <c>prefix_group</c>). A tag splits a series only when its requests carry at least two values of it; a series
/// without such tags gets no groups, so reports show nothing extra.
/// </summary>
internal static class TagGroups
{
    /// <summary>Tags that group requests, in report order.</summary>
    public static readonly IReadOnlyList<string> Keys = ["turn", "prefix_group"];

    public static IReadOnlyList<TagGroup> Of(IReadOnlyList<RequestRecord> analyzed, AnalysisOptions options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(analyzed);
        ArgumentNullException.ThrowIfNull(options);
        var groups = new List<TagGroup>();
        var k = 0UL;
        foreach (var key in Keys)
        {
            var byValue = analyzed.Where(r => r.Tags.ContainsKey(key)).GroupBy(r => r.Tags[key], StringComparer.Ordinal)
                .OrderBy(g => Number(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal).ToArray();
            if (byValue.Length < 2) continue;
            foreach (var g in byValue) groups.Add(Summarize(key, g.Key, g.ToArray(), options, seed + 10 * k++));
            // With three turns or more, "first turn vs the rest" is the comparison a prefix cache changes.
            if (key == "turn" && byValue.Length > 2 && byValue[0].Key == "1")
                groups.Add(Summarize(key, "2+", byValue.Skip(1).SelectMany(g => g).ToArray(), options, seed + 10 * k++));
        }
        return groups;
    }

    private static TagGroup Summarize(string key, string value, RequestRecord[] requests, AnalysisOptions options, ulong seed) =>
        new(key, value, requests.Length,
            Descriptive.Summarize(requests.Select(r => r.TtftMs()).OfType<double>(), seed, options.PercentileResamples),
            Descriptive.Summarize(requests.Select(r => r.E2eMs()).OfType<double>(), seed + 1, options.PercentileResamples));

    private static double Number(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.MaxValue;
}
