using System.Diagnostics;
using System.Globalization;

namespace TokenClock.Cli.Infrastructure;

/// <summary>
/// A long command says what it does: one line when it starts, one per stage, and a line at least every 10 s
/// (terminal or not) with the current stage and the time so far, all on stderr, so a slow or stuck command is never
/// silent and stdout keeps only the results.
/// </summary>
internal sealed class ProgressHeartbeat : IAsyncDisposable
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);

    private readonly TextWriter _err;
    private readonly string _what;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private string _stage = "starting";
    private int _disposed;

    private ProgressHeartbeat(TextWriter err, string what, TimeSpan interval)
    {
        _err = err;
        _what = what;
        _loop = BeatAsync(interval);
    }

    /// <param name="what">What the command does, e.g. "summarize bench: 4 configurations × 6 jobs against sim".</param>
    public static ProgressHeartbeat Start(TextWriter err, string what, TimeSpan? interval = null)
    {
        Write(err, what);
        return new ProgressHeartbeat(err, what.Split(':')[0], interval ?? DefaultInterval);
    }

    /// <summary>Reports a stage (printed at once; later beats repeat it).</summary>
    public void Stage(string stage)
    {
        Volatile.Write(ref _stage, stage);
        Write(_err, $"{_what}: {stage} ({Elapsed})");
    }

    /// <summary>Stages as an <see cref="IProgress{T}"/> for library code.</summary>
    public IProgress<string> AsProgress() => new StageProgress(this);

    private string Elapsed => _clock.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s";

    private async Task BeatAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
                Write(_err, $"{_what}: {Volatile.Read(ref _stage)}, still running ({Elapsed} so far)");
        }
        catch (OperationCanceledException)
        {
            // disposed
        }
    }

    private static void Write(TextWriter err, string line)
    {
        lock (err)
        {
            err.WriteLine(line);
            err.Flush();
        }
    }

    /// <summary>Stops the beats (idempotent: a command may stop them before printing its results).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private sealed class StageProgress(ProgressHeartbeat beat) : IProgress<string>
    {
        public void Report(string value) => beat.Stage(value);
    }
}
