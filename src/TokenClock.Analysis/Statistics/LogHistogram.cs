namespace TokenClock.Analysis.Statistics;

/// <summary>
/// Mergeable histogram with log-spaced buckets (HdrHistogram idea, own implementation): every value in
/// [<see cref="Lowest"/>, <see cref="Highest"/>] is kept within <see cref="RelativePrecision"/> of its true value,
/// in constant memory, so ITL samples of huge runs (tens of millions) and shards of a run can be combined.
/// Values below <see cref="Lowest"/> share bucket 0; values above <see cref="Highest"/> share the last bucket.
/// </summary>
public sealed class LogHistogram
{
    private readonly long[] _counts;
    private readonly double _logBase;

    /// <summary>An empty histogram; the defaults cover 1 µs to about 2.8 h in ms at 1% precision.</summary>
    public LogHistogram(double lowest = 1e-3, double highest = 1e7, double relativePrecision = 0.01)
    {
        if (lowest <= 0 || highest <= lowest) throw new ArgumentOutOfRangeException(nameof(lowest), lowest, "need 0 < lowest < highest");
        if (relativePrecision is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(relativePrecision), relativePrecision, "need 0 < precision < 1");
        Lowest = lowest;
        Highest = highest;
        RelativePrecision = relativePrecision;
        // A bucket [L·g^i, L·g^(i+1)) reported at its geometric middle is off by at most sqrt(g) − 1.
        var growth = (1 + relativePrecision) * (1 + relativePrecision);
        _logBase = Math.Log(growth);
        _counts = new long[(int)Math.Ceiling(Math.Log(highest / lowest) / _logBase) + 2];
    }

    /// <summary>Smallest value kept to precision.</summary>
    public double Lowest { get; }
    /// <summary>Largest value kept to precision.</summary>
    public double Highest { get; }
    /// <summary>Largest relative error of a reported value (0.01 = 1%).</summary>
    public double RelativePrecision { get; }
    /// <summary>Values recorded.</summary>
    public long Count { get; private set; }
    /// <summary>Smallest value recorded (exact); +∞ when empty.</summary>
    public double Min { get; private set; } = double.PositiveInfinity;
    /// <summary>Largest value recorded (exact); −∞ when empty.</summary>
    public double Max { get; private set; } = double.NegativeInfinity;
    /// <summary>Sum of the values recorded (exact).</summary>
    public double Sum { get; private set; }
    /// <summary>Exact mean; NaN when empty.</summary>
    public double Mean => Count == 0 ? double.NaN : Sum / Count;
    /// <summary>Buckets in the histogram (its memory, in counters).</summary>
    public int BucketCount => _counts.Length;

    /// <summary>Adds <paramref name="value"/> <paramref name="count"/> times; non-finite values and counts below 1 are ignored.</summary>
    public void Record(double value, long count = 1)
    {
        if (!double.IsFinite(value) || count <= 0) return;
        _counts[IndexOf(value)] += count;
        Count += count;
        Sum += value * count;
        if (value < Min) Min = value;
        if (value > Max) Max = value;
    }

    /// <summary>Adds another histogram's counts; both must have the same bucket layout.</summary>
    public void Merge(LogHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._counts.Length != _counts.Length || other.Lowest != Lowest || other.RelativePrecision != RelativePrecision)
            throw new ArgumentException("histograms have different bucket layouts; create both with the same lowest/highest/precision", nameof(other));
        for (var i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        Count += other.Count;
        Sum += other.Sum;
        if (other.Count > 0)
        {
            Min = Math.Min(Min, other.Min);
            Max = Math.Max(Max, other.Max);
        }
    }

    /// <summary>Value at percentile <paramref name="p"/> (0..100), clamped to the observed min/max.</summary>
    public double Percentile(double p)
    {
        if (Count == 0) throw new InvalidOperationException("histogram is empty");
        if (p is < 0 or > 100 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p), p, "percentile must be within 0..100");
        if (p == 0) return Min;
        if (p == 100) return Max;
        var target = (long)Math.Ceiling(p / 100.0 * Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= target) return Math.Clamp(Representative(i), Min, Max);
        }
        return Max;
    }

    /// <summary>Fraction of recorded values ≤ <paramref name="value"/> (at bucket resolution).</summary>
    public double CumulativeFraction(double value)
    {
        if (Count == 0) return double.NaN;
        var index = IndexOf(value);
        long seen = 0;
        for (var i = 0; i <= index; i++) seen += _counts[i];
        return (double)seen / Count;
    }

    private int IndexOf(double value)
    {
        if (value <= Lowest) return 0;
        var i = (int)(Math.Log(value / Lowest) / _logBase) + 1;
        return Math.Min(i, _counts.Length - 1);
    }

    private double Representative(int index) =>
        index == 0 ? Lowest : Lowest * Math.Exp((index - 0.5) * _logBase);
}
