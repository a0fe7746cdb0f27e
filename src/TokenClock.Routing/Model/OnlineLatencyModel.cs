namespace TokenClock.Routing.Model;

/// <summary>
/// One backend's latency, learned online: <c>ttft ≈ t0 + t1·in</c> and <c>e2e ≈ a + b·out + c·in</c>, each by
/// recursive least squares with forgetting so the model follows drift, plus a window of recent TTFTs for tail
/// percentiles (the hedging delay). Predictions never go below zero and slopes never go negative: a per-token
/// time below zero is physically impossible, so it is read as zero rather than trusted. Thread-safe.
/// </summary>
public sealed class OnlineLatencyModel
{
    // Features are scaled so all coefficients are of similar size (ms, ms per 100 output, ms per 1000 input tokens).
    private const double OutScale = 100, InScale = 1000;
    // Without a prior the fit is left almost free, except the input-length slope: prompts often vary little, and
    // a gentle pull toward zero keeps it from trading places with the intercept.
    private const double FreeRidge = 1e-3, InputRidge = 1;
    private readonly object _gate = new();
    private readonly DecayingLeastSquares _e2e;
    private readonly DecayingLeastSquares _ttft;
    private readonly RecentWindow _recentTtft;
    private readonly RecentWindow _recentOutput;

    public OnlineLatencyModel(LatencyPrior? prior = null, double forgetting = 0.98, int window = 256)
    {
        if (prior is not null)
        {
            var errors = prior.Validate();
            if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(prior));
        }
        var w = prior?.Weight ?? 0;
        var a = prior?.TtftMs ?? 0;
        var b = (prior?.MsPerOutputToken ?? 0) * OutScale;
        var c = (prior?.MsPerInputToken ?? 0) * InScale;
        _e2e = new DecayingLeastSquares([a, b, c], [w, w, w], [FreeRidge, FreeRidge, InputRidge], forgetting);
        _ttft = new DecayingLeastSquares([a, c], [w, w], [FreeRidge, InputRidge], forgetting);
        _recentTtft = new RecentWindow(window);
        _recentOutput = new RecentWindow(window);
        HasPrior = prior is not null;
    }

    public bool HasPrior { get; }

    /// <summary>Live observations seen so far.</summary>
    public int Observations { get; private set; }

    public void Observe(LatencyObservation o)
    {
        if (!double.IsFinite(o.TtftMs) || !double.IsFinite(o.E2eMs) || o.TtftMs < 0 || o.E2eMs < o.TtftMs) return;
        lock (_gate)
        {
            Span<double> xe = [1, o.OutputTokens / OutScale, o.InputTokens / InScale];
            Span<double> xt = [1, o.InputTokens / InScale];
            _e2e.Update(xe, o.E2eMs);
            _ttft.Update(xt, o.TtftMs);
            _recentTtft.Add(o.TtftMs);
            _recentOutput.Add(o.OutputTokens);
            Observations++;
        }
    }

    public double PredictTtftMs(int inputTokens)
    {
        lock (_gate)
        {
            var t0 = _ttft.Coefficient(0);
            var t1 = Math.Max(0, _ttft.Coefficient(1));
            return Math.Max(0, t0 + t1 * inputTokens / InScale);
        }
    }

    public double PredictE2eMs(int outputTokens, int inputTokens)
    {
        lock (_gate)
        {
            var a = _e2e.Coefficient(0);
            var b = Math.Max(0, _e2e.Coefficient(1));
            var c = Math.Max(0, _e2e.Coefficient(2));
            return Math.Max(0, a + b * outputTokens / OutScale + c * inputTokens / InScale);
        }
    }

    /// <summary>Fitted time per output token (ms), never negative.</summary>
    public double MsPerOutputToken
    {
        get { lock (_gate) return Math.Max(0, _e2e.Coefficient(1)) / OutScale; }
    }

    /// <summary>Percentile of the recent TTFTs, or null with fewer than <paramref name="minSamples"/> observations.</summary>
    public double? RecentTtftPercentileMs(double q, int minSamples = 20)
    {
        lock (_gate) return _recentTtft.Count < minSamples ? null : _recentTtft.Percentile(q);
    }

    /// <summary>Mean output length of recent responses (the expected length when a request gives no hint).</summary>
    public double? RecentMeanOutputTokens()
    {
        lock (_gate) return _recentOutput.Count == 0 ? null : _recentOutput.Mean();
    }
}
