namespace TokenClock.Analysis.Statistics;

/// <summary>One percentile with its 95% confidence interval and the sample count it rests on.</summary>
/// <param name="P">Percentile rank 0..100.</param>
/// <param name="Value">The percentile, in the metric's unit.</param>
/// <param name="Lower">Lower end of its 95% CI.</param>
/// <param name="Upper">Upper end of its 95% CI.</param>
/// <param name="N">Samples it rests on.</param>
/// <param name="Method">"bootstrap" (percentile bootstrap) or "order-statistic" (distribution-free, large n).</param>
public sealed record PercentileEstimate(double P, double Value, double Lower, double Upper, int N, string Method)
{
    /// <summary>Metric name as used in JSON: p50, p90, p95, p99.</summary>
    public string Name => "p" + ((int)Math.Round(P)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
