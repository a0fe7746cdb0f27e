using System.Collections.Concurrent;

namespace TokenClock.Server.Hosting;

/// <summary>The most recent response schedules, bounded (oldest evicted first) so a long benchmark cannot exhaust memory.</summary>
public sealed class ScheduleStore(int capacity = 50_000)
{
    private readonly ConcurrentDictionary<string, ResponseSchedule> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private long _next;

    public int Count => _byId.Count;

    internal string NextId() => Interlocked.Increment(ref _next).ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    internal void Add(ResponseSchedule schedule)
    {
        _byId[schedule.Id] = schedule;
        _order.Enqueue(schedule.Id);
        while (_byId.Count > capacity && _order.TryDequeue(out var old)) _byId.TryRemove(old, out _);
    }

    public bool TryGet(string id, out ResponseSchedule schedule) => _byId.TryGetValue(id, out schedule!);
}
