namespace TokenClock.Core.Load;

/// <summary>
/// Draws open-loop inter-arrival gaps (ns) with mean 1/rate: constant, exponential (Poisson arrivals) or gamma
/// with a given coefficient of variation. Seeded, so a schedule is reproducible. Not thread-safe.
/// </summary>
internal sealed class ArrivalSchedule
{
    private readonly Random _random;
    private readonly ArrivalProcess _process;
    private readonly double _meanNs;
    private readonly double _shape;

    public ArrivalSchedule(ArrivalProcess process, double rate, double burstiness = 1.0, int seed = 42)
    {
        if (!(rate > 0) || double.IsInfinity(rate)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "rate must be positive");
        if (process == ArrivalProcess.Gamma && !(burstiness > 0))
            throw new ArgumentOutOfRangeException(nameof(burstiness), burstiness, "burstiness (CV) must be positive");
        _process = process;
        _meanNs = 1e9 / rate;
        // Gamma with CV c has shape k = 1/c^2; the scale keeps the mean at 1/rate.
        _shape = process == ArrivalProcess.Gamma ? 1.0 / (burstiness * burstiness) : 1.0;
        _random = new Random(seed);
    }

    public static ArrivalSchedule For(LoadPattern pattern) =>
        new(pattern.Arrival, pattern.Rate, pattern.Burstiness, pattern.Seed);

    public double MeanGapNs => _meanNs;

    /// <summary>The next gap in nanoseconds (always at least 0).</summary>
    public long NextGapNs() => _process switch
    {
        ArrivalProcess.Constant => (long)Math.Round(_meanNs),
        ArrivalProcess.Poisson => (long)(-Math.Log(1.0 - _random.NextDouble()) * _meanNs),
        _ => (long)(SampleGamma(_shape) * (_meanNs / _shape)),
    };

    // Marsaglia and Tsang (2000); shapes below 1 use the boost Gamma(k) = Gamma(k+1) * U^(1/k).
    private double SampleGamma(double shape)
    {
        if (shape < 1)
            return SampleGamma(shape + 1) * Math.Pow(1.0 - _random.NextDouble(), 1.0 / shape);
        var d = shape - 1.0 / 3.0;
        var c = 1.0 / Math.Sqrt(9.0 * d);
        for (var attempt = 0; attempt < 1000; attempt++) // acceptance rate > 95%: bounded in practice
        {
            double x, v;
            do
            {
                x = SampleNormal();
                v = 1.0 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            var u = 1.0 - _random.NextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v)))
                return d * v;
        }
        return d; // unreachable in practice; the mode keeps the schedule finite
    }

    private double SampleNormal()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
