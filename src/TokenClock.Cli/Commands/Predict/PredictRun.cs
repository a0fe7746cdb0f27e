using System.Globalization;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Settings;
using TokenClock.Core.Results;
using TokenClock.Prediction.Cost;
using TokenClock.Prediction.Data;
using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Hardware;
using TokenClock.Prediction.Model;
using TokenClock.Prediction.Shapes;
using static TokenClock.Cli.Commands.Predict.PredictOutput;

namespace TokenClock.Cli.Commands.Predict;

/// <summary>'tokenclock predict model --model ...': one prediction with memory, cost and the profile it used.</summary>
internal static class PredictRun
{
    public static int Execute(TextWriter o, TextWriter err, PredictModelSettings s)
    {
        if (s.Model is null) throw new UsageException("--model is required, e.g. --model llama-2-7b. Known shapes: " + string.Join(", ", ShapeCatalog.Names) + ".");
        var point = new OperatingPoint(s.Prompt, s.Output, s.Concurrency);
        var problems = point.Validate();
        if (problems.Count > 0) throw new UsageException(PredictErrors.Describe(new SettingException(problems)));
        var model = ModelResolver.Resolve(s.Model);
        var shape = s.Layers is { } l ? model.Shape.WithLayers(l) : model.Shape;
        var (format, formatOrigin) = s.Quant is not null ? (WeightFormats.Get(s.Quant), "--quant")
            : model.ImpliedFormat is { } implied ? (implied, "the model file")
            : (WeightFormats.Get("f16"), "assumed: the model names no format; pass --quant");
        // this-machine needs probe results: this machine is probed when that hardware is asked for.
        var hardware = HardwareCatalog.LoadDefault().Get(s.Hardware ?? "a100-40gb",
            string.Equals(s.Hardware, ThisMachine.Id, StringComparison.OrdinalIgnoreCase) ? ProbedEnvironment.Complete(EnvironmentInfo.Capture(), err) : EnvironmentInfo.Capture());
        var engine = EngineProfileStore.Default.Get(ResolveEngineName(s, hardware));
        var prediction = LatencyPredictor.Predict(shape, format, hardware, engine, point);
        var m = prediction.Memory;
        var api = ApiPriceTable.LoadDefault();
        var apiCosts = api.Prices.Select(p => new { p.Provider, p.Model, p.Date, UsdPerRequest = p.UsdPerRequest(s.Prompt, s.Output), UsdPerThousandRequests = 1000 * p.UsdPerRequest(s.Prompt, s.Output) }).ToList();

        if (s.Json)
        {
            WriteJson(o, new { Prediction = prediction, FormatOrigin = formatOrigin, ApiCosts = apiCosts, ApiPriceNote = api.Note, ApiPriceDate = api.Date });
            return ExitCodes.Ok;
        }
        Out(o, $"{shape.Name} ({shape.Parameters / 1e9:F3}B params) {format.Name} ({formatOrigin}) on {hardware.Name}");
        // A profile calibrated per device class is only an estimate on a device whose class it has no numbers for.
        var classFitted = hardware.DeviceClass is { } c && engine.DeviceClasses?.ContainsKey(c) == true;
        var status = engine.DeviceClasses is { Count: > 0 } && !classFitted ? "estimated on this device: no fitted class" : engine.Status;
        Out(o, $"engine profile '{engine.Name}' v{engine.Version} ({status}) [{engine.Source}]{(classFitted ? $", {hardware.DeviceClass} efficiencies" : "")}");
        Out(o, $"workload: {s.Prompt} prompt tokens, {s.Output} output tokens, concurrency {s.Concurrency}");
        Out(o, $"  TTFT  {prediction.TtftMs,10:F1} ms   prefill {prediction.Prefill.Bound}-bound ({prediction.Prefill.Flops / 1e12:F2} TFLOP, {prediction.Prefill.Bytes / 1e9:F2} GB moved, {prediction.Prefill.Precision} peak)");
        Out(o, $"  TPOT  {prediction.TpotMs,10:F2} ms   decode {prediction.Decode.Bound}-bound ({prediction.Decode.Bytes / 1e9:F2} GB read per step)");
        Out(o, $"  E2E   {prediction.E2eMs,10:F1} ms   decode throughput {prediction.DecodeTokensPerSecond:F1} tokens/s");
        Out(o, $"memory: weights {Gib(m.WeightBytes)} GiB + KV cache {Gib(m.KvCacheBytes)} GiB ({m.KvBytesPerToken / 1024:F0} KiB/token) + activations {Gib(m.ActivationBytes)} GiB + runtime {Gib(m.RuntimeBytes)} GiB = {Gib(m.TotalBytes)} GiB");
        Out(o, m.Fits
            ? (FormattableString)$"  fits: {Gib(m.TotalBytes)} GiB of {Gib(m.UsableBytes)} GiB usable ({m.UsableBytes / m.DeviceBytes * 100:F0}% of {Gib(m.DeviceBytes)} GiB); max batch at this length {m.MaxBatch}"
            : $"  DOES NOT FIT: needs {Gib(m.TotalBytes)} GiB, {Gib(m.UsableBytes)} GiB usable ({m.UsableBytes / m.DeviceBytes * 100:F0}% of {Gib(m.DeviceBytes)} GiB); max batch at this length {m.MaxBatch}");
        if (!m.Fits) Text(o, "cost: none: the workload does not fit this device (lower --concurrency, shorten the context or pick a smaller format)");
        else if (prediction.Costs.Count == 0) Out(o, $"cost: no hourly price for {hardware.Id}; add one in {PredictionHome.HardwareFile}");
        foreach (var cost in prediction.Costs)
            Out(o, $"cost: {cost.Provider} ${cost.UsdPerHour:F3}/h ({cost.PriceDate}) -> ${cost.UsdPerRequest:F5} per request, ${cost.UsdPerThousandRequests:F2} per 1,000 summaries");
        Out(o, $"hosted APIs for the same tokens (list prices {api.Date}; check current prices):");
        foreach (var a in apiCosts) Out(o, $"  {a.Model,-20} ${a.UsdPerRequest:F5} per request, ${a.UsdPerThousandRequests:F2} per 1,000 summaries");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// --engine hf (or transformers) with --attention names one of the HF profiles; without --attention it is
    /// transformers' default, sdpa. --attention with any other engine is refused rather than ignored.
    /// Without --engine: llama.cpp on the GPU for GPUs and Apple, on the CPU otherwise.
    /// </summary>
    internal static string ResolveEngineName(PredictTargetSettings s, HardwareSpec hardware)
    {
        var engine = s.Engine ?? (hardware.Kind is "gpu" or "apple" ? "llama.cpp-gpu" : "llama.cpp");
        var isHf = engine.Equals("hf", StringComparison.OrdinalIgnoreCase) || engine.Equals("transformers", StringComparison.OrdinalIgnoreCase);
        if (!isHf)
        {
            if (s.Attention is not null)
                throw new UsageException($"--attention {s.Attention} applies only to --engine hf; engine '{engine}' has a fixed attention kernel. Drop --attention or use --engine hf.");
            return engine;
        }
        var attention = (s.Attention ?? "sdpa").ToLowerInvariant();
        return attention switch
        {
            "eager" => "hf-eager",
            "sdpa" => "hf-sdpa",
            "flash" or "flash_attention_2" or "flash-attention-2" => "hf-flash",
            _ => throw new UsageException($"--attention '{s.Attention}' is not one of eager, sdpa, flash."),
        };
    }

    private static string Gib(double bytes)
    {
        var gib = bytes / HardwareSpec.BytesPerGib;
        return gib.ToString(gib < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);
    }
}
