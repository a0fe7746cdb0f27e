using System.Text.Json;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Hardware;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Prediction.Calibration;

/// <summary>Turns a measured run's successful requests into calibration points (one per request).</summary>
public static class RunPoints
{
    /// <summary>One point per successful measured request of run <paramref name="runId"/> (warm-up left out), for <paramref name="shape"/> in
    /// <paramref name="format"/> on <paramref name="hardware"/>.</summary>
    public static IReadOnlyList<MeasuredPoint> FromRequests(long runId, IEnumerable<RequestRecord> requests, ModelShape shape, WeightFormat format, HardwareSpec hardware)
    {
        var points = new List<MeasuredPoint>();
        foreach (var r in requests)
        {
            // Warm-up requests pay first-call costs the model does not describe; failed ones have no latency.
            if (r.Phase != RequestPhase.Measured || r.Error != ErrorClass.None || r.InputTokens() is not { } input || input < 1) continue;
            var output = r.OutputTokens();
            var tpot = r.TpotMs();
            var ttft = r.TtftMs();
            if (ttft is null && tpot is null) continue;
            points.Add(new MeasuredPoint
            {
                Shape = shape, Format = format, Hardware = hardware,
                PromptTokens = input, OutputTokens = Math.Max(output, 1), Batch = 1,
                TtftMs = ttft, TpotMs = output >= 2 ? tpot : null,
                Label = $"run {runId} #{r.Index}",
            });
        }
        return points;
    }

    /// <summary>
    /// What a run's spec says about the model: the first string under a key named model/shape/model_path/gguf,
    /// a layers count, and a quant/format/weight_format. Tolerant: specs differ by backend; missing hints are null.
    /// </summary>
    public static (string? Model, int? Layers, string? Format) SpecHints(string specJson)
    {
        string? model = null, format = null;
        int? layers = null;
        try
        {
            using var doc = JsonDocument.Parse(specJson);
            Walk(doc.RootElement, 0);
        }
        catch (JsonException)
        {
            // A spec that is not JSON carries no hints; the caller asks for --model instead.
        }
        return (model, layers, format);

        void Walk(JsonElement e, int depth)
        {
            if (depth > 8) return;
            if (e.ValueKind == JsonValueKind.Array) { foreach (var item in e.EnumerateArray()) Walk(item, depth + 1); return; }
            if (e.ValueKind != JsonValueKind.Object) return;
            foreach (var p in e.EnumerateObject())
            {
                var key = p.Name.ToLowerInvariant();
                if (p.Value.ValueKind == JsonValueKind.String)
                {
                    var v = p.Value.GetString();
                    if (model is null && key is "shape" or "model" or "model_path" or "modelpath" or "gguf" or "path" && IsModel(v)) model = v;
                    if (format is null && key is "quant" or "format" or "weight_format" or "weightformat" or "type" && IsFormat(v)) format = v;
                }
                else if (p.Value.ValueKind == JsonValueKind.Number && layers is null && key is "layers" or "block_count" && p.Value.TryGetInt32(out var l)) layers = l;
                else Walk(p.Value, depth + 1);
            }
        }
    }

    private static bool IsModel(string? v) =>
        v is not null && (ShapeCatalog.TryGet(v, out _) || (v.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) && File.Exists(v)));

    private static bool IsFormat(string? v)
    {
        if (v is null) return false;
        try { WeightFormats.Get(v); return true; }
        catch (ArgumentException) { return false; }
    }
}
