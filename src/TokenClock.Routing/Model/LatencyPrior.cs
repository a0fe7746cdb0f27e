using TokenClock.Core.Numerics;
using System.Globalization;
using TokenClock.Core.Results;
using TokenClock.Prediction.Model;

namespace TokenClock.Routing.Model;

/// <summary>
/// What a backend is believed to do before live traffic says otherwise: <c>e2e ≈ TtftMs + MsPerOutputToken · out</c>
/// (+ <c>MsPerInputToken · in</c>), worth <see cref="Weight"/> observations. Seed it from a stored run
/// (<see cref="FromRecords"/>) or from a <c>tokenclock predict</c> result.
/// </summary>
public sealed record LatencyPrior(double TtftMs, double MsPerOutputToken, double MsPerInputToken = 0, double Weight = 20)
{
    /// <summary>One message per invalid value (negative or not finite times, a weight not above 0); empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!double.IsFinite(TtftMs) || TtftMs < 0) errors.Add($"prior TTFT '{Format(TtftMs)}' ms must be a finite number >= 0");
        if (!double.IsFinite(MsPerOutputToken) || MsPerOutputToken < 0) errors.Add($"prior ms per output token '{Format(MsPerOutputToken)}' must be a finite number >= 0");
        if (!double.IsFinite(MsPerInputToken) || MsPerInputToken < 0) errors.Add($"prior ms per input token '{Format(MsPerInputToken)}' must be a finite number >= 0");
        if (!double.IsFinite(Weight) || Weight <= 0) errors.Add($"prior weight '{Format(Weight)}' must be > 0 (observations it is worth)");
        return errors;
    }

    /// <summary>
    /// The prior a stored run gives: the median TTFT and the median time per output token after the first of its
    /// successful measured requests, the same two quantities the online model learns. Weight = requests used, at
    /// most 50.
    /// </summary>
    public static LatencyPrior FromRecords(IEnumerable<RequestRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var ok = records.Where(r => r.Succeeded && r.Phase == RequestPhase.Measured && r.TtftMs() is not null && r.E2eMs() is not null && r.OutputTokens() > 0)
            .Select(r => (Ttft: r.TtftMs()!.Value, E2e: r.E2eMs()!.Value, Out: r.OutputTokens()))
            .ToList();
        if (ok.Count == 0) throw new ArgumentException("The run has no successful measured request with TTFT and E2E; measure the backend first (tokenclock run).", nameof(records));
        // No multi-token request: no per-token time to learn from (0, as the online model starts).
        var tpot = Quantiles.Median(ok.Where(o => o.Out > 1).Select(o => (o.E2e - o.Ttft) / (o.Out - 1)));
        if (double.IsNaN(tpot)) tpot = 0;
        return new LatencyPrior(Quantiles.Median(ok.Select(o => o.Ttft)), Math.Max(0, tpot), 0, Math.Min(50, ok.Count));
    }

    /// <summary>
    /// The prior a <c>tokenclock predict</c> result gives, for a backend never measured: its prefill's roofline time
    /// spread over the prompt becomes the per-input-token cost, the rest of its TTFT the fixed start, and its TPOT the
    /// per-output-token cost. Worth <paramref name="weight"/> observations (default 5: a model is a guess until live
    /// responses confirm it).
    /// </summary>
    public static LatencyPrior FromPrediction(LatencyPrediction prediction, double weight = 5)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var prompt = prediction.OperatingPoint.PromptTokens;
        var prefillWork = prediction.Prefill.TotalMs - prediction.Prefill.OverheadMs;
        if (!double.IsFinite(prediction.TtftMs) || !double.IsFinite(prediction.TpotMs) || prediction.TpotMs <= 0 || prompt < 1 || !(prefillWork >= 0))
            throw new ArgumentException($"The prediction for {prediction.Model} on {prediction.Hardware} has no usable TTFT/TPOT (TTFT {Format(prediction.TtftMs)} ms, TPOT {Format(prediction.TpotMs)} ms); it cannot seed a backend.", nameof(prediction));
        var perInput = prefillWork / prompt;
        var prior = new LatencyPrior(Math.Max(0, prediction.TtftMs - perInput * prompt), prediction.TpotMs, perInput, weight);
        var problems = prior.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(weight));
        return prior;
    }

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
