namespace TokenClock.Core.Numerics;

/// <summary>Small dense linear systems (the normal equations of the house's least-squares fits: a handful of unknowns).</summary>
internal static class LinearSystem
{
    /// <summary>Solves the p × (p+1) augmented system <paramref name="m"/> (row-major, overwritten) by Gauss-Jordan
    /// elimination with partial pivoting. Null when singular: a pivot below 1e-12 of its row's scale.</summary>
    public static double[]? Solve(Span<double> m, int p)
    {
        if (m.Length < p * (p + 1)) throw new ArgumentException($"an augmented {p} x {p + 1} system needs {p * (p + 1)} values, got {m.Length}", nameof(m));
        var cols = p + 1;
        for (var col = 0; col < p; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < p; r++)
                if (Math.Abs(m[r * cols + col]) > Math.Abs(m[pivot * cols + col])) pivot = r;
            if (pivot != col)
                for (var c = 0; c < cols; c++) (m[col * cols + c], m[pivot * cols + c]) = (m[pivot * cols + c], m[col * cols + c]);
            var scale = 0.0;
            for (var c = 0; c < cols; c++) scale = Math.Max(scale, Math.Abs(m[col * cols + c]));
            if (Math.Abs(m[col * cols + col]) <= 1e-12 * Math.Max(1, scale)) return null;
            for (var r = 0; r < p; r++)
            {
                if (r == col) continue;
                var f = m[r * cols + col] / m[col * cols + col];
                for (var c = col; c < cols; c++) m[r * cols + c] -= f * m[col * cols + c];
            }
        }
        var x = new double[p];
        for (var r = 0; r < p; r++) x[r] = m[r * cols + p] / m[r * cols + r];
        return x;
    }
}
