namespace TokenClock.Core.Timing;

/// <summary>
/// The one monotonic clock of a run. Instants are stored as nanoseconds since the run's start;
/// wall-clock UTC is recorded once, as <see cref="StartedUtc"/>.
/// </summary>
public sealed class RunClock
{
    private readonly TimeProvider _time;

    /// <summary>A clock that starts now on <paramref name="time"/> (the system clock when null).</summary>
    public RunClock(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        StartTimestamp = _time.GetTimestamp();
        StartedUtc = _time.GetUtcNow();
    }

    /// <summary>The time source every instant is read from.</summary>
    public TimeProvider TimeProvider => _time;
    /// <summary>The raw timestamp of the run's start (in <see cref="TimeProvider"/> ticks).</summary>
    public long StartTimestamp { get; }
    /// <summary>The run's start, wall-clock UTC.</summary>
    public DateTimeOffset StartedUtc { get; }

    /// <summary>Raw timestamp now (what backends put in events).</summary>
    public long Now() => _time.GetTimestamp();

    /// <summary>Nanoseconds since the run start for a raw timestamp of this clock.</summary>
    public long ToRunNs(long timestamp) => TicksToNs(timestamp - StartTimestamp, _time.TimestampFrequency);

    /// <summary>Nanoseconds since the run start, now.</summary>
    public long ElapsedNs() => ToRunNs(_time.GetTimestamp());

    /// <summary>Raw timestamp for an instant given in run nanoseconds (for absolute schedules).</summary>
    public long FromRunNs(long runNs) => StartTimestamp + (long)(runNs * (double)_time.TimestampFrequency / 1e9);

    /// <summary>
    /// Run nanoseconds of a wall-clock UTC instant of this machine (for a start instant agreed with other
    /// machines, already corrected for this machine's clock offset). Exact to the tick of <see cref="StartedUtc"/>.
    /// </summary>
    public long NsAt(DateTimeOffset utc) => (utc - StartedUtc).Ticks * 100;

    internal static long TicksToNs(long ticks, long frequency) =>
        frequency == 1_000_000_000 ? ticks : (long)(ticks * (1e9 / frequency));
}
