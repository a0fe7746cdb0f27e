using System.Diagnostics;
using System.Runtime.InteropServices;
using TokenClock.Core.Timing;

namespace TokenClock.Core.Load;

/// <summary>
/// Waits until an absolute run instant without spinning. On Linux the dispatcher thread sleeps in
/// <c>clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)</c> (the clock <see cref="Stopwatch"/> reads) with its timer
/// slack cut to 1 µs, which wakes within tens of microseconds of the deadline at no CPU cost; long waits are sliced
/// so cancellation is seen within <see cref="SliceNs"/>. Elsewhere the timer sleeps to ~1 ms before the deadline
/// and the rest is spent yielding the thread.
/// </summary>
public static class PreciseWait
{
    private const long YieldWindowNs = 1_000_000;
    private const long SliceNs = 50_000_000;
    private static readonly bool UseNanosleep = OperatingSystem.IsLinux() && Stopwatch.Frequency == 1_000_000_000;

    /// <summary>Waits asynchronously until <paramref name="deadlineNs"/> (ns since the run clock's start): a timer sleep to about 1 ms before it, then yielding the thread (system clock only; with another time provider only the timer sleep is done).</summary>
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

    /// <summary>Call once on a dedicated dispatcher thread: asks the kernel for precise wake-ups (Linux).</summary>
    public static void PrepareThread()
    {
        if (UseNanosleep) _ = Native.prctl(Native.PrSetTimerSlack, 1_000, 0, 0, 0);
    }

    /// <summary>Blocking variant for a dedicated dispatcher thread (system clock only).</summary>
    public static void Until(RunClock clock, long deadlineNs, CancellationToken cancellationToken)
    {
        if (UseNanosleep && clock.TimeProvider == TimeProvider.System)
        {
            SleepUntil(clock, deadlineNs, cancellationToken);
            return;
        }
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

    private static void SleepUntil(RunClock clock, long deadlineNs, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = clock.ElapsedNs();
            if (now >= deadlineNs) return;
            // Stopwatch ticks are CLOCK_MONOTONIC nanoseconds here (checked in UseNanosleep).
            var target = clock.FromRunNs(Math.Min(deadlineNs, now + SliceNs));
            var spec = new Native.Timespec { Seconds = target / 1_000_000_000, Nanoseconds = target % 1_000_000_000 };
            var rc = Native.clock_nanosleep(Native.ClockMonotonic, Native.TimerAbstime, ref spec, IntPtr.Zero);
            // EINTR (a signal) just loops; any other error falls back to a coarse sleep so the loop stays bounded.
            if (rc != 0 && rc != Native.Eintr) Thread.Sleep(1);
        }
    }

    private static class Native
    {
        public const int ClockMonotonic = 1;
        public const int TimerAbstime = 1;
        public const int Eintr = 4;
        public const int PrSetTimerSlack = 29;

        [StructLayout(LayoutKind.Sequential)]
        public struct Timespec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", EntryPoint = "clock_nanosleep")]
        public static extern int clock_nanosleep(int clockId, int flags, ref Timespec request, IntPtr remain);

        [DllImport("libc", EntryPoint = "prctl")]
        public static extern int prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);
    }
}
