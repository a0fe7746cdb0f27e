using System.Text.Json;
using TokenClock.Prediction.Calibration;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Hardware;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Prediction.Tests;

/// <summary>One measurement of docs/data/gpu-h200-2026-12-02 (phase prefill, decode or generate).</summary>
internal sealed record HfH200Point(string Attention, string Shape, string Phase, int Length, int Batch, string? Cache, double Ms);

/// <summary>
/// The shipped HF sdpa/eager measurements of 2026-12-02 (pinned host cores). micro-smoke is not in the shape
/// catalog, so its shape is built here from the script's table; sdpa decode-phase points are dropped (the README's
/// known artifact: ~70 ms per step for every shape, unlike sdpa generate()).
/// </summary>
internal static class HfH200Data
{
    public static HardwareSpec H200 { get; } = HardwareCatalog.Load(null).Get("h200");
    public static WeightFormat F16 { get; } = WeightFormats.Get("f16");

    public static IReadOnlyList<HfH200Point> Points { get; } = Load();

    public static ModelShape Shape(string name) => name == "micro-smoke"
        ? new ModelShape { Name = "micro-smoke", Layers = 2, HiddenSize = 256, Heads = 4, KvHeads = 4, FeedForwardSize = 768, VocabSize = 1000, ContextLength = 8192 }
        : ShapeCatalog.TryGet(name, out var s) ? s : throw new InvalidOperationException($"shape {name} is not in the catalog");

    public static HfH200Point Get(string attention, string shape, string phase, int length, string? cache = null) =>
        Points.Single(p => p.Attention == attention && p.Shape == shape && p.Phase == phase && p.Length == length && p.Batch == 1 && p.Cache == cache);

    /// <summary>sdpa prefill points as calibration input (TTFT = one forward pass over the prompt).</summary>
    public static List<MeasuredPoint> SdpaPrefill() => Points
        .Where(p => p.Attention == "sdpa" && p.Phase == "prefill")
        .Select(p => new MeasuredPoint { Shape = Shape(p.Shape), Format = F16, Hardware = H200, PromptTokens = p.Length, OutputTokens = 1, TtftMs = p.Ms, Label = $"{p.Shape} prefill {p.Length}" })
        .ToList();

    private static List<HfH200Point> Load()
    {
        var list = new List<HfH200Point>();
        foreach (var file in MeasurementSet.EmbeddedHfAttentionFiles)
        {
            using var doc = JsonDocument.Parse(MeasurementSet.ReadEmbeddedText(file));
            var attention = doc.RootElement.GetProperty("attn_implementation").GetString()!;
            foreach (var m in doc.RootElement.GetProperty("measurements").EnumerateArray())
            {
                var phase = m.GetProperty("phase").GetString()!;
                if (attention == "sdpa" && phase == "decode") continue;
                var length = phase == "decode" ? m.GetProperty("context").GetInt32() : m.GetProperty("prompt").GetInt32();
                var ms = phase == "generate" ? m.GetProperty("ms_per_token").GetDouble() : m.GetProperty("ms_median").GetDouble();
                var cache = m.TryGetProperty("cache", out var c) ? c.GetString() : null;
                list.Add(new HfH200Point(attention, m.GetProperty("shape").GetString()!, phase, length, m.GetProperty("batch").GetInt32(), cache, ms));
            }
        }
        return list;
    }
}
