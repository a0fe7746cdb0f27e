namespace TokenClock.Prediction.Calibration;

/// <summary>Small dense least squares through the normal equations (a handful of unknowns; no library needed).</summary>
internal static class LeastSquares
{
    /// <summary>Minimizes Σ (row·x − y)² over the columns marked active; inactive columns stay at <paramref name="fixedValues"/>.</summary>
    public static double[] Solve(IReadOnlyList<double[]> rows, IReadOnlyList<double> y, bool[] active, double[] fixedValues)
    {
        var n = active.Length;
        var idx = Enumerable.Range(0, n).Where(j => active[j]).ToArray();
        var m = idx.Length;
        var a = new double[m, m + 1];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var target = y[r];
            for (var j = 0; j < n; j++) if (!active[j]) target -= row[j] * fixedValues[j];
            for (var i = 0; i < m; i++)
            {
                for (var k = 0; k < m; k++) a[i, k] += row[idx[i]] * row[idx[k]];
                a[i, m] += row[idx[i]] * target;
            }
        }
        // Gaussian elimination with partial pivoting.
        for (var c = 0; c < m; c++)
        {
            var pivot = c;
            for (var r = c + 1; r < m; r++) if (Math.Abs(a[r, c]) > Math.Abs(a[pivot, c])) pivot = r;
            if (Math.Abs(a[pivot, c]) < 1e-300) throw new InvalidOperationException("The calibration system is singular: the measurements do not determine the engine factors.");
            if (pivot != c) for (var k = 0; k <= m; k++) (a[c, k], a[pivot, k]) = (a[pivot, k], a[c, k]);
            for (var r = 0; r < m; r++)
            {
                if (r == c) continue;
                var f = a[r, c] / a[c, c];
                for (var k = c; k <= m; k++) a[r, k] -= f * a[c, k];
            }
        }
        var x = (double[])fixedValues.Clone();
        for (var i = 0; i < m; i++) x[idx[i]] = a[i, m] / a[i, i];
        return x;
    }
}
