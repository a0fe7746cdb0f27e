using System.Globalization;
using TokenClock.Core.Load;

namespace TokenClock.Core.Experiments;

/// <summary>
/// Tags every record of a cell with the load it ran under, so each point of a sweep is a series that says its
/// load: <c>load</c> (e.g. "rate 4 req/s poisson"), <c>load_kind</c> (sequential, concurrency, rate) and
/// <c>load_value</c> (workers or requests/s; 1 for sequential).
/// </summary>
internal static class LoadTags
{
    public const string Load = "load";
    public const string Kind = "load_kind";
    public const string Value = "load_value";

    public static IReadOnlyDictionary<string, string> For(LoadPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Load] = pattern.ToString(),
            [Kind] = pattern.Kind.ToString().ToLowerInvariant(),
            [Value] = pattern.Kind switch
            {
                LoadKind.Rate => pattern.Rate.ToString("0.####", CultureInfo.InvariantCulture),
                LoadKind.Concurrency => pattern.Concurrency.ToString(CultureInfo.InvariantCulture),
                _ => "1",
            },
        };
    }

    internal static Results.RequestRecord Apply(Results.RequestRecord record, IReadOnlyDictionary<string, string> tags)
    {
        var merged = new Dictionary<string, string>(record.Tags, StringComparer.Ordinal);
        foreach (var (key, value) in tags) merged.TryAdd(key, value);
        return record with { Tags = merged };
    }
}
