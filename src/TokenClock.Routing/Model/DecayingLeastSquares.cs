using TokenClock.Core.Numerics;

namespace TokenClock.Routing.Model;

/// <summary>
/// Least squares over exponentially decayed sufficient statistics (each older observation's weight shrinks by
/// <c>lambda</c> per new one). The prior enters as pseudo-observations that fade like real ones, plus a small
/// fixed ridge toward it. Solving the small normal equations afresh is
/// stable where recursive updates are not: a feature that never varies (a constant prompt length) simply keeps
/// its prior value instead of winding up the covariance.
/// </summary>
internal sealed class DecayingLeastSquares
{
    private readonly int _n;
    private readonly double _lambda;
    private readonly double[] _prior;
    private readonly double[] _ridge;
    private readonly double[,] _xtx;
    private readonly double[] _xty;
    private readonly double[] _theta;
    private readonly double[] _a; // augmented normal equations, row-major n x (n+1)
    private bool _dirty;

    /// <param name="prior">Coefficients believed before any data.</param>
    /// <param name="weight">How many observations' worth each prior coefficient counts at the start (fades with data).</param>
    /// <param name="ridge">A fixed pull toward the prior that never fades (keeps never-varying features identified).</param>
    /// <param name="lambda">Forgetting factor in (0, 1]: each update multiplies older weights by it (1 = never forget).</param>
    public DecayingLeastSquares(double[] prior, double[] weight, double[] ridge, double lambda)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(ridge);
        ArgumentNullException.ThrowIfNull(weight);
        if (prior.Length != ridge.Length || prior.Length != weight.Length) throw new ArgumentException("prior, weight and ridge differ in length.", nameof(ridge));
        if (lambda is <= 0.5 or > 1) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "Forgetting factor must be in (0.5, 1].");
        _n = prior.Length;
        _lambda = lambda;
        _prior = (double[])prior.Clone();
        _ridge = (double[])ridge.Clone();
        _xtx = new double[_n, _n];
        _xty = new double[_n];
        _theta = (double[])prior.Clone();
        _a = new double[_n * (_n + 1)];
        for (var i = 0; i < _n; i++)
        {
            _xtx[i, i] = weight[i];
            _xty[i] = weight[i] * prior[i];
        }
    }

    public double Coefficient(int i)
    {
        Solve();
        return _theta[i];
    }

    public void Update(ReadOnlySpan<double> x, double y)
    {
        if (x.Length != _n) throw new ArgumentException($"Expected {_n} features, got {x.Length}.", nameof(x));
        if (!double.IsFinite(y)) return;
        for (var i = 0; i < _n; i++)
        {
            _xty[i] = _lambda * _xty[i] + x[i] * y;
            for (var j = 0; j < _n; j++) _xtx[i, j] = _lambda * _xtx[i, j] + x[i] * x[j];
        }
        _dirty = true;
    }

    private void Solve()
    {
        if (!_dirty) return;
        _dirty = false;
        var cols = _n + 1;
        for (var i = 0; i < _n; i++)
        {
            for (var j = 0; j < _n; j++) _a[i * cols + j] = _xtx[i, j];
            _a[i * cols + i] += _ridge[i];
            _a[i * cols + _n] = _xty[i] + _ridge[i] * _prior[i];
        }
        // The house's one solver (Core.Numerics); singular only without ridge: keep the last solution then.
        if (LinearSystem.Solve(_a, _n) is { } theta) theta.CopyTo(_theta, 0);
    }
}
