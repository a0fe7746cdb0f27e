using TokenClock.Core.Numerics;

namespace TokenClock.Analysis.Fits;

/// <summary>Weighted least squares for two or three coefficients via the normal equations.</summary>
internal static class LinearSolver
{
    /// <summary>Solves for β in y ≈ X·β with weights w; X's first column is the constant 1. Null when singular.</summary>
    public static double[]? WeightedLeastSquares(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, bool useX2,
        ReadOnlySpan<double> y, ReadOnlySpan<double> w)
    {
        var p = useX2 ? 3 : 2;
        Span<double> m = stackalloc double[12]; // p × (p+1) augmented matrix
        m.Clear();
        Span<double> row = stackalloc double[3];
        for (var i = 0; i < y.Length; i++)
        {
            var wi = w.IsEmpty ? 1.0 : w[i];
            if (wi == 0) continue;
            row[0] = 1;
            row[1] = x1[i];
            if (useX2) row[2] = x2[i];
            for (var r = 0; r < p; r++)
            {
                for (var c = 0; c < p; c++) m[r * (p + 1) + c] += wi * row[r] * row[c];
                m[r * (p + 1) + p] += wi * row[r] * y[i];
            }
        }
        return LinearSystem.Solve(m, p);
    }
}
