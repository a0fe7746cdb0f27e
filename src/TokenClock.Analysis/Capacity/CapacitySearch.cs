namespace TokenClock.Analysis.Capacity;

/// <summary>
/// The search policy for the largest open-loop rate at which SLOs hold, as pure code: ask <see cref="Next"/> for a
/// rate, run it, <see cref="Record"/> the outcome. Bracketing multiplies the rate by <c>Growth</c> after each pass
/// (divides after each fail) until a passing rate lo and a failing rate hi are known; then it bisects
/// geometrically (√(lo·hi)) until hi ≤ lo·(1 + Tolerance). A point passes only when its SLO confidence intervals
/// all say pass; an inconclusive point counts as failing, so the answer errs low, never high. Every point is
/// planned against the request and time budgets first: one that would overrun either is not started.
/// </summary>
public sealed class CapacitySearch
{
    private readonly CapacitySearchOptions _options;
    private readonly List<CapacityProbe> _probes = [];

    /// <summary>A search that starts at <see cref="CapacitySearchOptions.StartRate"/>.</summary>
    public CapacitySearch(CapacitySearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("invalid capacity search: " + string.Join("; ", errors), nameof(options));
        _options = options;
    }

    /// <summary>Largest rate that passed (null before any).</summary>
    public double? Low { get; private set; }

    /// <summary>Smallest rate that failed or was inconclusive (null before any).</summary>
    public double? High { get; private set; }

    /// <summary>Every point recorded, in order.</summary>
    public IReadOnlyList<CapacityProbe> Probes => _probes;

    /// <summary>Measured requests of the recorded points.</summary>
    public int RequestsUsed => _probes.Sum(p => p.Requests);

    /// <summary>Summed duration of the recorded points.</summary>
    public TimeSpan TimeUsed => TimeSpan.FromTicks(_probes.Sum(p => p.Duration.Ticks));

    /// <summary>Why the search ended; null while it goes on.</summary>
    public CapacityStop? Stop { get; private set; }

    /// <summary>Requests a point at <paramref name="rate"/> sends: rate × point seconds, at least the per-point minimum.</summary>
    public int RequestsFor(double rate) =>
        (int)Math.Min(int.MaxValue / 2, Math.Max(_options.MinRequestsPerPoint, Math.Ceiling(rate * _options.PointSeconds)));

    /// <summary>The next rate and its request count, or null when the search has ended (see <see cref="Stop"/>).</summary>
    /// <param name="elapsed">Wall time spent so far (the caller's clock, so time outside points counts too).</param>
    public (double Rate, int Requests)? Next(TimeSpan elapsed)
    {
        if (Stop is not null) return null;
        double rate;
        if (Low is { } lo && High is { } hi)
        {
            if (hi <= lo * (1 + _options.Tolerance)) return End(CapacityStop.Converged);
            rate = Math.Sqrt(lo * hi);
        }
        else if (Low is { } passed)
        {
            if (passed >= _options.MaxRate) return End(CapacityStop.MaxRate);
            rate = Math.Min(passed * _options.Growth, _options.MaxRate);
        }
        else if (High is { } failed)
        {
            if (failed <= _options.MinRate) return End(CapacityStop.NoPassingRate);
            rate = Math.Max(failed / _options.Growth, _options.MinRate);
        }
        else
        {
            rate = Math.Clamp(_options.StartRate, _options.MinRate, _options.MaxRate);
        }

        var requests = RequestsFor(rate);
        if (RequestsUsed + requests > _options.MaxRequests) return End(CapacityStop.RequestBudget);
        // The point's schedule alone lasts requests / rate; a point that cannot fit is not started.
        if (elapsed + TimeSpan.FromSeconds(requests / rate) > _options.MaxTime) return End(CapacityStop.TimeBudget);
        return (rate, requests);
    }

    /// <summary>Adds a measured point and narrows the bracket; throws once the search has ended.</summary>
    public void Record(CapacityProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        if (Stop is not null) throw new InvalidOperationException("the search has ended; no more points can be recorded");
        _probes.Add(probe);
        if (probe.Passed) Low = Math.Max(Low ?? 0, probe.Rate);
        else High = Math.Min(High ?? double.PositiveInfinity, probe.Rate);
        // A pass above a fail (noise near the limit) would invert the bracket: the fail wins, and the pass is forgotten.
        if (Low is { } lo && High is { } hi && lo >= hi)
            Low = _probes.Where(p => p.Passed && p.Rate < hi).Select(p => (double?)p.Rate).Max();
    }

    /// <summary>Relative width of the final bracket (hi/lo − 1), or null while one end is unknown.</summary>
    public double? RelativeWidth => Low is { } lo && High is { } hi ? hi / lo - 1 : null;

    private (double, int)? End(CapacityStop stop)
    {
        Stop = stop;
        return null;
    }
}
