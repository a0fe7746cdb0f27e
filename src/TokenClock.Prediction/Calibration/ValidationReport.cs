namespace TokenClock.Prediction.Calibration;

/// <summary>Prediction error over a set of measurements, per metric (median of absolute relative errors).</summary>
public sealed record ValidationReport(string Profile, IReadOnlyList<ValidationRow> Rows)
{
    /// <summary>Median absolute TTFT error, percent; null without TTFT rows.</summary>
    public double? MedianAbsTtftErrorPct => MedianAbsPct("ttft");
    /// <summary>Median absolute TPOT error, percent; null without TPOT rows.</summary>
    public double? MedianAbsTpotErrorPct => MedianAbsPct("tpot");
    /// <summary>TTFT rows.</summary>
    public int TtftCount => Rows.Count(r => r.Metric == "ttft");
    /// <summary>TPOT rows.</summary>
    public int TpotCount => Rows.Count(r => r.Metric == "tpot");

    private double? MedianAbsPct(string metric)
    {
        var errors = Rows.Where(r => r.Metric == metric).Select(r => Math.Abs(r.ErrorFraction) * 100).Order().ToArray();
        if (errors.Length == 0) return null;
        var mid = errors.Length / 2;
        return errors.Length % 2 == 1 ? errors[mid] : (errors[mid - 1] + errors[mid]) / 2;
    }
}
