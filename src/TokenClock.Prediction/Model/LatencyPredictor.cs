using TokenClock.Prediction.Cost;
using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Hardware;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Prediction.Model;

/// <summary>
/// TTFT = per-request overhead + prefill pass over the prompt (all concurrent prompts together: the worst case of
/// requests arriving at once). TPOT = one decode pass at the mid-output context (KV reads grow linearly with context,
/// so the midpoint gives the mean). E2E = TTFT + (output − 1)·TPOT, as metrics.md defines TPOT.
/// </summary>
public static class LatencyPredictor
{
    public static LatencyPrediction Predict(ModelShape shape, WeightFormat format, HardwareSpec hardware, EngineProfile engine, Workload workload)
    {
        var problems = workload.Validate().Concat(shape.Validate()).ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(workload));

        var ttft = TtftMs(shape, format, hardware, engine, workload, out var prefill);
        var tpot = TpotMs(shape, format, hardware, engine, workload, out var decode);
        var e2e = ttft + (workload.OutputTokens - 1) * tpot;
        return new LatencyPrediction
        {
            Model = shape.Name,
            Format = format.Name,
            Hardware = hardware.Id,
            Engine = engine.Name,
            EngineSource = engine.Source,
            Workload = workload,
            TtftMs = ttft,
            TpotMs = tpot,
            E2eMs = e2e,
            Prefill = prefill,
            Decode = decode,
            Memory = MemoryEstimator.Estimate(shape, format, hardware, engine, workload),
            Costs = CostEstimator.ForHardware(hardware, e2e, workload.Concurrency),
        };
    }

    public static double TtftMs(ModelShape shape, WeightFormat format, HardwareSpec hardware, EngineProfile engine, Workload workload, out PassTime prefill)
    {
        var work = ForwardPassModel.Work(shape, format, engine, workload.Concurrency, workload.PromptTokens, 0);
        prefill = ForwardPassModel.Time(work, format, hardware, engine);
        return engine.PerRequestOverheadMs + prefill.TotalMs;
    }

    public static double TpotMs(ModelShape shape, WeightFormat format, HardwareSpec hardware, EngineProfile engine, Workload workload, out PassTime decode)
    {
        var midContext = workload.PromptTokens + workload.OutputTokens / 2;
        var work = ForwardPassModel.Work(shape, format, engine, workload.Concurrency, 1, midContext);
        decode = ForwardPassModel.Time(work, format, hardware, engine);
        return decode.TotalMs;
    }
}
