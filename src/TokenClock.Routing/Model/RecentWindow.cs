using TokenClock.Core.Numerics;
namespace TokenClock.Routing.Model;

/// <summary>The last N values (a ring), with a percentile re-sorted at most every few additions to keep calls cheap.</summary>
internal sealed class RecentWindow
{
    private const int ResortEvery = 8;
    private readonly double[] _values;
    private readonly double[] _sorted;
    private int _count;
    private int _next;
    private int _sinceSort = ResortEvery;

    public RecentWindow(int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Capacity must be >= 1.");
        _values = new double[capacity];
        _sorted = new double[capacity];
    }

    public int Count => _count;

    public void Add(double value)
    {
        _values[_next] = value;
        _next = (_next + 1) % _values.Length;
        if (_count < _values.Length) _count++;
        if (_sinceSort < ResortEvery) _sinceSort++;
    }

    public double Mean()
    {
        if (_count == 0) return double.NaN;
        var s = 0.0;
        for (var i = 0; i < _count; i++) s += _values[i];
        return s / _count;
    }

    /// <summary>Nearest-rank percentile (q in [0,1]) of the window, at most <see cref="ResortEvery"/> values stale; NaN when empty.</summary>
    public double Percentile(double q)
    {
        if (_count == 0) return double.NaN;
        if (_sinceSort >= ResortEvery)
        {
            Array.Copy(_values, _sorted, _count);
            Array.Sort(_sorted, 0, _count);
            _sinceSort = 0;
        }
        return Quantiles.NearestRank(_sorted.AsSpan(0, _count), q);
    }
}
