using TokenClock.Prediction.Cost;
using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Hardware;
using TokenClock.Prediction.Shapes;
using TokenClock.Core.Settings;

namespace TokenClock.Prediction.Model;

/// <summary>
/// TTFT = per-request overhead + prefill passes over the prompt (in the engine's chunks) (all concurrent prompts together: the worst case of
/// requests arriving at once). TPOT = one decode pass at the mid-output context (KV reads grow linearly with context,
/// so the midpoint gives the mean). E2E = TTFT + (output − 1)·TPOT, as metrics.md defines TPOT.
/// </summary>
public static class LatencyPredictor
{
    /// <summary>The full prediction for one model, format, device, engine and operating point.</summary>
    public static LatencyPrediction Predict(ModelShape shape, WeightFormat format, HardwareSpec hardware, EngineProfile engine, OperatingPoint point)
    {
        var problems = point.Validate().Concat(shape.Validate().Select(p => SettingProblem.Plain(PredictionSettings.Model, p))).ToList();
        var context = (long)point.PromptTokens + point.OutputTokens;
        if (context > shape.ContextLength)
            problems.Add(new(PredictionSettings.PromptTokens, n =>
                $"{n(PredictionSettings.PromptTokens)} {point.PromptTokens} + {n(PredictionSettings.OutputTokens)} {point.OutputTokens} = {context} tokens exceed the context of " +
                $"{shape.Name} ({shape.ContextLength} tokens); shorten the prompt or output, or choose a model with a longer context"));
        if (problems.Count > 0) throw new SettingException(problems);

        var ttft = TtftMs(shape, format, hardware, engine, point, out var prefill);
        var tpot = TpotMs(shape, format, hardware, engine, point, out var decode);
        var e2e = ttft + (point.OutputTokens - 1) * tpot;
        var memory = MemoryEstimator.Estimate(shape, format, hardware, engine, point);
        return new LatencyPrediction
        {
            Model = shape.Name,
            Format = format.Name,
            Hardware = hardware.Id,
            Engine = engine.Name,
            EngineSource = engine.Source,
            OperatingPoint = point,
            TtftMs = ttft,
            TpotMs = tpot,
            E2eMs = e2e,
            Prefill = prefill,
            Decode = decode,
            EngineVersion = engine.Version,
            EngineStatus = engine.Status,
            Memory = memory,
            // An operating point that does not fit has no cost: it cannot run on this device at all.
            Costs = memory.Fits ? CostEstimator.ForHardware(hardware, e2e, point.Concurrency) : [],
        };
    }

    /// <summary>Predicted TTFT in ms; <paramref name="prefill"/> gets the prefill's breakdown.</summary>
    public static double TtftMs(ModelShape shape, WeightFormat format, HardwareSpec hardware, EngineProfile engine, OperatingPoint point, out PassTime prefill)
    {
        prefill = ForwardPassModel.PrefillTime(shape, format, hardware, engine, point.Concurrency, point.PromptTokens);
        return engine.PerRequestOverheadMs + prefill.TotalMs + engine.PerTokenOverheadMs;
    }

    /// <summary>Predicted TPOT in ms; <paramref name="decode"/> gets the decode pass's breakdown.</summary>
    public static double TpotMs(ModelShape shape, WeightFormat format, HardwareSpec hardware, EngineProfile engine, OperatingPoint point, out PassTime decode)
    {
        var midContext = point.PromptTokens + point.OutputTokens / 2;
        var work = ForwardPassModel.Work(shape, format, engine, point.Concurrency, 1, midContext);
        decode = ForwardPassModel.Time(work, format, hardware, engine.ForDecode());
        return decode.TotalMs + engine.PerTokenOverheadMs;
    }
}
