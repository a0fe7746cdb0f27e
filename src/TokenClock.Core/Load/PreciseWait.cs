using TokenClock.Core.Timing;

namespace TokenClock.Core.Load;

/// <summary>
/// Waits until an absolute run instant. Timers on Linux wake about a millisecond late, so the timer sleeps until
/// ~1 ms before the deadline and the rest is spent yielding the thread, which keeps send errors well under 1 ms
/// without burning a core between requests.
/// </summary>
public static class PreciseWait
{
    private const long YieldWindowNs = 1_000_000;

    public static async ValueTask UntilAsync(RunClock clock, long deadlineNs, CancellationToken cancellationToken)
    {
        var remaining = deadlineNs - clock.ElapsedNs();
        if (remaining > YieldWindowNs)
        {
            var sleep = TimeSpan.FromTicks((remaining - YieldWindowNs) / 100);
            await Task.Delay(sleep, clock.TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        // Only the real clock advances on its own; a fake provider would make this loop endless.
        if (clock.TimeProvider != TimeProvider.System) return;
        while (clock.ElapsedNs() < deadlineNs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Thread.Yield();
        }
    }

    /// <summary>Blocking variant for a dedicated dispatcher thread (system clock only).</summary>
    public static void Until(RunClock clock, long deadlineNs, CancellationToken cancellationToken)
    {
        var remaining = deadlineNs - clock.ElapsedNs();
        if (remaining > YieldWindowNs)
        {
            var sleep = TimeSpan.FromTicks((remaining - YieldWindowNs) / 100);
            if (cancellationToken.WaitHandle.WaitOne(sleep)) cancellationToken.ThrowIfCancellationRequested();
        }
        while (clock.ElapsedNs() < deadlineNs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Thread.Yield();
        }
    }
}
