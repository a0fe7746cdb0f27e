using System.Collections.Concurrent;
using HdrHistogram;
using TokenClock.Core.Results;

namespace TokenClock.Cluster.Progress;

/// <summary>
/// Live progress of a distributed run: one HdrHistogram of TTFT (µs) per worker, merged on demand. Adding
/// histograms is exact, so the merged histogram equals the one built from the union of the workers' records;
/// its percentiles are HdrHistogram's (3 significant digits). Stored results use the raw records, never these.
/// </summary>
public sealed class MergedLatency
{
    /// <summary>One hour in µs: anything slower is clamped (and counted) rather than dropped.</summary>
    public const long HighestUs = 3_600_000_000;

    private readonly ConcurrentDictionary<string, LongHistogram> _byWorker = new(StringComparer.Ordinal);
    private int _failed;

    /// <summary>Measured requests that failed or had no first token (not in the histograms).</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Counts a measured request (warm-up is ignored): its TTFT in µs into its worker's histogram, or a failure.</summary>
    public void Add(RequestRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Phase != RequestPhase.Measured) return;
        if (!record.Succeeded || record.FirstTokenNs is not { } first)
        {
            Interlocked.Increment(ref _failed);
            return;
        }
        var histogram = _byWorker.GetOrAdd(record.Worker ?? "local", _ => NewHistogram());
        var us = Math.Clamp((first - record.SentNs) / 1000, 0, HighestUs);
        lock (histogram) histogram.RecordValue(us);
    }

    /// <summary>Names of the workers with at least one successful request so far.</summary>
    public IReadOnlyCollection<string> Workers => _byWorker.Keys.ToArray();

    /// <summary>The workers' histograms added into one.</summary>
    public LongHistogram Merged()
    {
        var merged = NewHistogram();
        foreach (var h in _byWorker.Values)
            lock (h) merged.Add(h);
        return merged;
    }

    /// <summary>An empty histogram of µs up to <see cref="HighestUs"/>, 3 significant digits.</summary>
    public static LongHistogram NewHistogram() => new(HighestUs, 3);
}
