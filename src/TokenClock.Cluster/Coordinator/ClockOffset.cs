using System.Globalization;
using TokenClock.Core.Settings;

namespace TokenClock.Cluster.Coordinator;

/// <summary>
/// A worker's wall clock relative to the coordinator's, from round trips: each sample is (coordinator before,
/// worker reading, coordinator after); the sample with the shortest round trip wins, its offset is the worker
/// reading minus the midpoint, and half its round trip bounds the error (Cristian's method).
/// </summary>
public readonly record struct ClockOffset(long OffsetTicks, long RoundTripTicks)
{
    /// <summary>Worker clock minus coordinator clock, in ms (positive: the worker is ahead).</summary>
    public double OffsetMs => OffsetTicks / (double)TimeSpan.TicksPerMillisecond;
    /// <summary>Round trip of the sample the offset came from, in ms; half of it bounds the offset's error.</summary>
    public double RoundTripMs => RoundTripTicks / (double)TimeSpan.TicksPerMillisecond;
    /// <summary>The worst the worker's schedule can be off after correction, plus the offset itself (what a drift could add).</summary>
    public double WorstCaseMs => Math.Abs(OffsetMs) + RoundTripMs / 2;

    /// <summary>The offset from the sample with the shortest round trip; ticks are <see cref="DateTime.Ticks"/> (UTC).
    /// Throws <see cref="ArgumentException"/> for no samples or one that ends before it begins.</summary>
    public static ClockOffset Estimate(IEnumerable<(long BeforeTicks, long WorkerTicks, long AfterTicks)> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ClockOffset? best = null;
        foreach (var (before, worker, after) in samples)
        {
            if (after < before) throw new ArgumentException($"a round trip ended ({after}) before it began ({before})");
            var rtt = after - before;
            if (best is { } b && b.RoundTripTicks <= rtt) continue;
            best = new ClockOffset(worker - (before + rtt / 2), rtt);
        }
        return best ?? throw new ArgumentException("no clock samples");
    }

    /// <summary>E.g. "+0.412 ms (round trip 0.830 ms)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{OffsetMs:+0.000;-0.000;0.000} ms (round trip {RoundTripMs:0.000} ms)");
}

/// <summary>Thrown when a worker's clock is too far off for its shard to keep the planned schedule.
/// The limit is named by its key (<see cref="Setting"/>); a front end renders it its own way.</summary>
public sealed class ClockOffsetException(string worker, ClockOffset offset, double limitMs) : Exception(Text(worker, offset, limitMs, key => key)), ISettingError
{
    /// <summary>The key of the clock-offset limit.</summary>
    public const string Setting = "max_clock_offset_ms";

    /// <summary>The worker's name.</summary>
    public string Worker { get; } = worker;
    /// <summary>Its measured offset.</summary>
    public ClockOffset Offset { get; } = offset;

    /// <summary>One problem, keyed to <see cref="Setting"/>.</summary>
    public IReadOnlyList<SettingProblem> Problems { get; } = [new SettingProblem(Setting, n => Text(worker, offset, limitMs, n))];

    /// <summary>The message with the limit's key written as <paramref name="nameOf"/> names it (e.g. a CLI flag).</summary>
    public string Describe(Func<string, string> nameOf) => Problems[0].Describe(nameOf);

    private static string Text(string worker, ClockOffset offset, double limitMs, Func<string, string> n) => string.Create(CultureInfo.InvariantCulture,
        $"worker {worker}: clock offset {offset} exceeds {n(Setting)} {limitMs:0.###} (offset plus half the round trip: {offset.WorstCaseMs:0.###} ms); sync its clock (chrony/NTP) or raise the limit knowingly");
}
