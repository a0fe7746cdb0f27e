namespace TokenClock.Routing.Model;

/// <summary>
/// One backend's latency, learned online as two parts that each request measures directly:
/// <c>ttft ≈ t0 + t1·in</c> (least squares with forgetting) and the time per output token after the first
/// (a forgetting, token-weighted mean of each response's <c>(e2e − ttft) / (out − 1)</c>). Then
/// <c>e2e ≈ ttft + tpot·(out − 1)</c>. Measuring the slope inside every response keeps it right for lengths the
/// backend is not getting now (a backend sent only short answers still learns its decode speed), where a fit of
/// e2e on length would have to extrapolate. Residuals far beyond the usual spread are clipped, so one stall does
/// not move the model (stalls are what hedging is for) while a real shift still moves it step by step.
/// Predictions never go below zero. Thread-safe.
/// </summary>
public sealed class OnlineLatencyModel
{
    private const double InScale = 1000;
    // Without a prior the intercept is free; the input-length slope gets a gentle pull toward zero because prompts
    // often vary little and it must not trade places with the intercept.
    private const double FreeRidge = 1e-3, InputRidge = 20;
    private const double ClipAt = 4;
    private const int ClipAfter = 10;
    private readonly object _gate = new();
    private readonly double _forgetting;
    private readonly DecayingLeastSquares _ttft;
    private readonly RecentWindow _recentTtft;
    private readonly RecentWindow _recentOutput;
    private double _ttftSpread, _tpotSpread;
    private double _tpotWeighted, _tpotWeight;

    /// <param name="prior">What the backend is believed to do before it is observed; null starts from zero, free.</param>
    /// <param name="forgetting">Per-observation forgetting in (0.5, 1]; 1 never forgets.</param>
    /// <param name="window">How many recent TTFTs and output lengths are kept for percentiles and mean length.</param>
    public OnlineLatencyModel(LatencyPrior? prior = null, double forgetting = 0.995, int window = 256)
    {
        if (prior is not null)
        {
            var errors = prior.Validate();
            if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(prior));
        }
        if (forgetting is <= 0.5 or > 1) throw new ArgumentOutOfRangeException(nameof(forgetting), forgetting, "Forgetting must be in (0.5, 1].");
        _forgetting = forgetting;
        var w = prior?.Weight ?? 0;
        _ttft = new DecayingLeastSquares([prior?.TtftMs ?? 0, (prior?.MsPerInputToken ?? 0) * InScale], [w, w], [FreeRidge, InputRidge], forgetting);
        // A prior worth w observations counts as w responses of 100 tokens.
        _tpotWeight = w * 100;
        _tpotWeighted = _tpotWeight * (prior?.MsPerOutputToken ?? 0);
        _recentTtft = new RecentWindow(window);
        _recentOutput = new RecentWindow(window);
        HasPrior = prior is not null;
    }

    /// <summary>True when the model was started from a prior.</summary>
    public bool HasPrior { get; }

    /// <summary>Live observations seen so far.</summary>
    public int Observations { get; private set; }

    /// <summary>Learns from one finished response; one with no output token, an E2E below its TTFT, or a negative or
    /// non-finite time is ignored.</summary>
    public void Observe(LatencyObservation o)
    {
        if (!double.IsFinite(o.TtftMs) || !double.IsFinite(o.E2eMs) || o.TtftMs < 0 || o.E2eMs < o.TtftMs || o.OutputTokens < 1) return;
        lock (_gate)
        {
            Span<double> xt = [1, o.InputTokens / InScale];
            _ttft.Update(xt, Clip(o.TtftMs, PredictTtftUnlocked(o.InputTokens), ref _ttftSpread));
            if (o.OutputTokens > 1)
            {
                var tokens = o.OutputTokens - 1;
                var tpot = Clip((o.E2eMs - o.TtftMs) / tokens, TpotUnlocked(), ref _tpotSpread);
                _tpotWeighted = _forgetting * _tpotWeighted + tokens * tpot;
                _tpotWeight = _forgetting * _tpotWeight + tokens;
            }
            _recentTtft.Add(o.TtftMs);
            _recentOutput.Add(o.OutputTokens);
            Observations++;
        }
    }

    /// <summary>Predicted TTFT in ms for a prompt of <paramref name="inputTokens"/> tokens, never negative.</summary>
    public double PredictTtftMs(int inputTokens)
    {
        lock (_gate) return PredictTtftUnlocked(inputTokens);
    }

    /// <summary>Predicted E2E latency in ms: TTFT plus the learned time per token for each output token after the first.</summary>
    public double PredictE2eMs(int outputTokens, int inputTokens)
    {
        lock (_gate) return PredictTtftUnlocked(inputTokens) + TpotUnlocked() * Math.Max(0, outputTokens - 1);
    }

    /// <summary>Learned time per output token after the first (ms), never negative.</summary>
    public double MsPerOutputToken
    {
        get { lock (_gate) return TpotUnlocked(); }
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

    private double PredictTtftUnlocked(int inputTokens)
    {
        var t0 = _ttft.Coefficient(0);
        var t1 = Math.Max(0, _ttft.Coefficient(1));
        return Math.Max(0, t0 + t1 * inputTokens / InScale);
    }

    private double TpotUnlocked() => _tpotWeight <= 0 ? 0 : Math.Max(0, _tpotWeighted / _tpotWeight);

    private double Clip(double y, double predicted, ref double spread)
    {
        var residual = y - predicted;
        if (Observations >= ClipAfter && spread > 0 && Math.Abs(residual) > ClipAt * spread)
            residual = Math.Sign(residual) * ClipAt * spread;
        // The spread is an exponentially weighted mean absolute residual (of the clipped residuals).
        spread = Observations == 0 ? Math.Abs(residual) : 0.95 * spread + 0.05 * Math.Abs(residual);
        return predicted + residual;
    }
}
