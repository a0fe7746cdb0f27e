using System.Collections.Concurrent;

namespace TokenClock.Server.Hosting;

/// <summary>The most recent response schedules, bounded (oldest evicted first) so a long benchmark cannot exhaust memory.</summary>
public sealed class ScheduleStore(int capacity = 50_000)
{
    private readonly ConcurrentDictionary<string, ResponseSchedule> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, string> _bySeed = new();
    private readonly ConcurrentQueue<string> _order = new();
    private long _next;

    /// <summary>Schedules kept now (at most the capacity).</summary>
    public int Count => _byId.Count;

    internal string NextId() => Interlocked.Increment(ref _next).ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    internal void Add(ResponseSchedule schedule)
    {
        _byId[schedule.Id] = schedule;
        if (schedule.Seed is { } seed) _bySeed[seed] = schedule.Id;
        _order.Enqueue(schedule.Id);
        while (_byId.Count > capacity && _order.TryDequeue(out var old))
            if (_byId.TryRemove(old, out var removed) && removed.Seed is { } s) _bySeed.TryRemove(new KeyValuePair<int, string>(s, old));
    }

    /// <summary>The schedule of response <paramref name="id"/>; false when unknown or already evicted.</summary>
    public bool TryGet(string id, out ResponseSchedule schedule) => _byId.TryGetValue(id, out schedule!);

    /// <summary>The latest schedule of a request that sent this seed.</summary>
    public bool TryGetBySeed(int seed, out ResponseSchedule schedule)
    {
        schedule = null!;
        return _bySeed.TryGetValue(seed, out var id) && _byId.TryGetValue(id, out schedule!);
    }

    /// <summary>All kept schedules, oldest first.</summary>
    public IReadOnlyList<ResponseSchedule> Snapshot() =>
        _order.Select(id => _byId.TryGetValue(id, out var s) ? s : null).OfType<ResponseSchedule>().ToArray();
}
