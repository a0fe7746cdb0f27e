using TokenClock.Core.Numerics;

namespace TokenClock.Prediction.Calibration;

/// <summary>Small dense least squares through the normal equations (a handful of unknowns), solved by the house's one solver.</summary>
internal static class LeastSquares
{
    /// <summary>Minimizes Σ (row·x − y)² over the columns marked active; inactive columns stay at <paramref name="fixedValues"/>.</summary>
    public static double[] Solve(IReadOnlyList<double[]> rows, IReadOnlyList<double> y, bool[] active, double[] fixedValues)
    {
        var n = active.Length;
        var idx = Enumerable.Range(0, n).Where(j => active[j]).ToArray();
        var m = idx.Length;
        var a = new double[m * (m + 1)];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var target = y[r];
            for (var j = 0; j < n; j++) if (!active[j]) target -= row[j] * fixedValues[j];
            for (var i = 0; i < m; i++)
            {
                for (var k = 0; k < m; k++) a[i * (m + 1) + k] += row[idx[i]] * row[idx[k]];
                a[i * (m + 1) + m] += row[idx[i]] * target;
            }
        }
        var solved = LinearSystem.Solve(a, m)
            ?? throw new InvalidOperationException("The calibration system is singular: the measurements do not determine the engine factors.");
        var x = (double[])fixedValues.Clone();
        for (var i = 0; i < m; i++) x[idx[i]] = solved[i];
        return x;
    }
}
