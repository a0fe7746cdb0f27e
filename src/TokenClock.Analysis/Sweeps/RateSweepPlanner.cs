using TokenClock.Core.Experiments;
using TokenClock.Core.Load;
using TokenClock.Core.Results;

namespace TokenClock.Analysis.Sweeps;

/// <summary>
/// GuideLLM-style rate sweep as a plan: first a synchronous point (one request at a time), then a
/// maximum-throughput point (closed loop with every request of the point in flight at once, capped at
/// <see cref="MaxThroughputConcurrency"/>), then <c>RateSweepPoints</c> open-loop rates evenly spaced strictly
/// between the two measured throughputs: r_k = sync + (max − sync)·k/(n + 1), k = 1..n.
/// </summary>
public sealed class RateSweepPlanner(ExperimentSettings template) : ILoadPlanner
{
    /// <summary>Most requests in flight at the maximum-throughput point.</summary>
    public const int MaxThroughputConcurrency = 512;

    private IReadOnlyList<double>? _rates;

    /// <summary>The planned rates once the first two points are measured (null before).</summary>
    public IReadOnlyList<double>? Rates => _rates;

    /// <inheritdoc/>
    public ExperimentSettings? Next(IReadOnlyList<PlannedPoint> done)
    {
        ArgumentNullException.ThrowIfNull(done);
        var n = template.RateSweepPoints ?? 8;
        var requests = template.Load.Requests ?? ExperimentSpecReader.DefaultRequests;
        switch (done.Count)
        {
            case 0:
                return Point(LoadPattern.Sequential, "synchronous");
            case 1:
                return Point(LoadPattern.ClosedLoop(Math.Clamp(requests, 1, MaxThroughputConcurrency)), "throughput");
            case 2:
                var sync = Throughput(done[0]);
                var max = Throughput(done[1]);
                if (!(sync > 0) || !(max > 0))
                    throw new InvalidOperationException("rate sweep: the synchronous or throughput point completed no request, so no rates can be planned; check the backend (see the stored run's errors)");
                _rates = Spaced(sync, Math.Max(max, sync), n);
                break;
        }
        var index = done.Count - 2;
        if (_rates is null || index >= _rates.Count) return null;
        var pattern = template.Load.Pattern with { Kind = LoadKind.Rate, Rate = _rates[index], Concurrency = 1 };
        return Point(pattern, null);
    }

    /// <summary>n rates evenly spaced strictly between <paramref name="low"/> and <paramref name="high"/>, 4 significant digits.</summary>
    public static IReadOnlyList<double> Spaced(double low, double high, int n) =>
        Enumerable.Range(1, n).Select(k => Round4(low + (high - low) * k / (n + 1))).ToArray();

    /// <summary>Completed measured requests per second of the point's measured phase.</summary>
    public static double Throughput(PlannedPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var seconds = (point.Load.EndNs - point.Load.StartNs) / 1e9;
        var ok = point.Records.Count(r => r.Phase == RequestPhase.Measured && r.Succeeded);
        return seconds > 0 ? ok / seconds : 0;
    }

    private ExperimentSettings Point(LoadPattern pattern, string? what) => template with
    {
        Label = what is null ? pattern.ToString() : $"{what}: {pattern}",
        Load = template.Load with { Pattern = pattern },
        RateSweepPoints = null,
    };

    private static double Round4(double v) => v <= 0 ? v : Math.Round(v, Math.Max(0, 3 - (int)Math.Floor(Math.Log10(v))));
}
