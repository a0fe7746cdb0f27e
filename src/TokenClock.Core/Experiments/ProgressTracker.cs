using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;

namespace TokenClock.Core.Experiments;

/// <summary>Counts completions from concurrent requests and reports snapshots. Thread-safe.</summary>
internal sealed class ProgressTracker(long runId, int cellCount, int? total, RunClock clock, IProgress<RunProgress>? progress)
{
    private const int Window = 64;
    private readonly Lock _gate = new();
    private readonly double[] _ttft = new double[Window];
    private int _ttftCount, _ttftNext, _done, _errors;
    private string _cell = "";
    private int _cellIndex;

    public void EnterCell(ExperimentCell cell)
    {
        lock (_gate)
        {
            _cell = cell.Label;
            _cellIndex = cell.Index;
        }
        Report();
    }

    public void Add(RequestRecord record)
    {
        lock (_gate)
        {
            _done++;
            if (record.Error != ErrorClass.None) _errors++;
            if (record.Succeeded && record.Phase == RequestPhase.Measured && record.TtftMs() is { } ttft)
            {
                _ttft[_ttftNext] = ttft;
                _ttftNext = (_ttftNext + 1) % Window;
                _ttftCount = Math.Min(_ttftCount + 1, Window);
            }
        }
        Report();
    }

    private void Report()
    {
        if (progress is null) return;
        RunProgress snapshot;
        lock (_gate)
        {
            double? median = null;
            if (_ttftCount > 0)
            {
                var sorted = _ttft.AsSpan(0, _ttftCount).ToArray();
                Array.Sort(sorted);
                var mid = sorted.Length / 2;
                median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
            }
            snapshot = new RunProgress(runId, _cell, _cellIndex, cellCount, _done, total, _errors, median,
                TimeSpan.FromTicks(clock.ElapsedNs() / 100));
        }
        progress.Report(snapshot);
    }
}
