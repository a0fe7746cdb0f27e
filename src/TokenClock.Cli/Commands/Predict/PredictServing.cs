using System.Globalization;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Results;
using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Hardware;
using TokenClock.Prediction.Model;
using TokenClock.Prediction.Serving;
using static TokenClock.Cli.Commands.Predict.PredictOutput;

namespace TokenClock.Cli.Commands.Predict;

/// <summary>'tokenclock predict serving': the continuous-batching curve and the largest rate meeting an SLO.</summary>
internal static class PredictServing
{
    public static int Execute(TextWriter o, PredictServingSettings s)
    {
        if (s.Model is null) throw new UsageException("'predict serving' needs --model, e.g. --model llama-2-7b --hardware h100-sxm --engine vllm.");
        if (s.SloTtftMs <= 0 || s.SloTpotMs <= 0) throw new UsageException($"--slo-ttft {s.SloTtftMs} and --slo-tpot {s.SloTpotMs} must be positive milliseconds.");
        if (s.Slots is < 1) throw new UsageException($"--slots {s.Slots} must be at least 1.");
        var model = ModelResolver.Resolve(s.Model);
        var shape = s.Layers is { } l ? model.Shape.WithLayers(l) : model.Shape;
        var format = s.Quant is not null ? WeightFormats.Get(s.Quant) : model.ImpliedFormat ?? WeightFormats.Get("f16");
        var hardware = HardwareCatalog.LoadDefault().Get(s.Hardware ?? "a100-40gb", EnvironmentInfo.Capture());
        var engine = EngineProfileStore.Default.Get(PredictRun.ResolveEngineName(s, hardware));
        // Same refusals as a single prediction (context, dtype support) before any curve.
        LatencyPredictor.Predict(shape, format, hardware, engine, new OperatingPoint(s.Prompt, s.Output));
        var serving = new ServingModel(shape, format, hardware, engine, s.Prompt, s.Output, s.Slots);

        var rates = s.Rates is null ? Sweep(serving) : ParseList(s.Rates, "--rates").ToList();
        var clients = (s.Clients is null ? [1, 2, 4, 8, 16, 32] : ParseList(s.Clients, "--clients").Select(c => (int)c)).ToList();
        if (clients.Any(c => c < 1)) throw new UsageException($"--clients '{s.Clients}' must list counts of at least 1.");
        var open = rates.Select(serving.AtRate).ToList();
        var closed = clients.Select(serving.WithClients).ToList();
        var (maxRate, atMax) = serving.MaxRateMeeting(s.SloTtftMs, s.SloTpotMs);

        if (s.Json)
        {
            WriteJson(o, new
            {
                Model = shape.Name, Format = format.Name, Hardware = hardware.Id, Engine = engine.Name, EngineVersion = engine.Version, EngineStatus = engine.Status,
                s.Prompt, s.Output, serving.MaxBatch, serving.KvLimitedBatch, PrefillMs = serving.PrefillMs,
                OpenLoop = open, ClosedLoop = closed, SloTtftMs = s.SloTtftMs, SloTpotMs = s.SloTpotMs, MaxRatePerSecond = maxRate, AtMaxRate = atMax,
            });
            return ExitCodes.Ok;
        }
        Out(o, $"{shape.Name} {format.Name} on {hardware.Name}, engine profile '{engine.Name}' v{engine.Version} ({engine.Status}); {s.Prompt} prompt + {s.Output} output tokens per request");
        Out(o, $"batch limit {serving.MaxBatch} sequences (KV cache holds {serving.KvLimitedBatch}{(s.Slots is { } slots ? $", --slots {slots}" : "")}); prefill {serving.PrefillMs:F1} ms of device time per request");
        Text(o, "open loop (Poisson arrivals):");
        Out(o, $"  {"req/s",9} {"batch",7} {"TTFT ms",9} {"TPOT ms",8} {"tokens/s",9}  prefill share");
        foreach (var p in open) Text(o, Row(p.RatePerSecond.ToString("G4", CultureInfo.InvariantCulture), p));
        Text(o, "closed loop (each client sends its next request when the last ends):");
        Out(o, $"  {"clients",9} {"batch",7} {"TTFT ms",9} {"TPOT ms",8} {"tokens/s",9}  prefill share");
        foreach (var p in closed) Text(o, Row(p.Clients!.Value.ToString(CultureInfo.InvariantCulture), p));
        Out(o, maxRate > 0
            ? (FormattableString)$"largest rate meeting TTFT <= {s.SloTtftMs:G} ms and TPOT <= {s.SloTpotMs:G} ms: {maxRate:F2} req/s (TTFT {atMax!.TtftMs:F0} ms, TPOT {atMax.TpotMs:F1} ms, {atMax.OutputTokensPerSecond:F0} tokens/s, batch {atMax.MeanBatch:F1})"
            : $"no rate meets TTFT <= {s.SloTtftMs:G} ms and TPOT <= {s.SloTpotMs:G} ms: a single request already misses it");
        return ExitCodes.Ok;
    }

    private static string Row(string load, ServingPoint p) => p.Stable
        ? string.Create(CultureInfo.InvariantCulture, $"  {load,9} {p.MeanBatch,7:F1} {p.TtftMs,9:F1} {p.TpotMs,8:F2} {p.OutputTokensPerSecond,9:F0}  {p.PrefillShare:P0}{(p.Limit is null ? "" : "  (" + p.Limit + ")")}")
        : $"  {load,9} SATURATED: {p.Limit}";

    // Doubling rates from a tenth of a single request's pace until the server saturates.
    private static List<double> Sweep(ServingModel serving)
    {
        var rates = new List<double>();
        for (var r = 0.125; rates.Count < 40; r *= 2)
        {
            rates.Add(r);
            if (!serving.AtRate(r).Stable) break;
        }
        return rates;
    }

    private static IEnumerable<double> ParseList(string text, string option) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
            double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0
                ? v
                : throw new UsageException($"{option} '{text}': '{part}' is not a positive number."));
}
