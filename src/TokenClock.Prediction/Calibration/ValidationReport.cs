namespace TokenClock.Prediction.Calibration;

/// <summary>Prediction error over a set of measurements, per metric (median of absolute relative errors).</summary>
public sealed record ValidationReport(string Profile, IReadOnlyList<ValidationRow> Rows)
{
    public double? MedianAbsTtftErrorPct => MedianAbsPct("ttft");
    public double? MedianAbsTpotErrorPct => MedianAbsPct("tpot");
    public int TtftCount => Rows.Count(r => r.Metric == "ttft");
    public int TpotCount => Rows.Count(r => r.Metric == "tpot");

    private double? MedianAbsPct(string metric)
    {
        var errors = Rows.Where(r => r.Metric == metric).Select(r => Math.Abs(r.ErrorFraction) * 100).Order().ToArray();
        if (errors.Length == 0) return null;
        var mid = errors.Length / 2;
        return errors.Length % 2 == 1 ? errors[mid] : (errors[mid - 1] + errors[mid]) / 2;
    }
}
