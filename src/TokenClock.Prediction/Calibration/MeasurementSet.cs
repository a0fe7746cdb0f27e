using System.Globalization;
using System.Text.Json;
using TokenClock.Core.Results;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Hardware;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Prediction.Calibration;

/// <summary>
/// Loads measurements from JSON: the GPU script's output (schema tokenclock.gpu-measurements/1) or a plain list
/// (schema tokenclock.measurements/1: hardware id or "this-machine" with a probe, and points with model, layers,
/// format, prompt, output, batch, ttft_ms, tpot_ms). Points whose shape is not in the catalog are skipped and named.
/// </summary>
public static class MeasurementSet
{
    /// <summary>The shipped H200 data files (two calls of scripts/gpu/gpu_measure.py, different lengths and batches).</summary>
    public static readonly string[] EmbeddedGpuFiles = ["gpu-measurements-h200.json", "gpu-measurements-h200-b.json"];

    /// <summary>The shipped GPU measurements (<see cref="EmbeddedGpuFiles"/>), against the shipped hardware table.</summary>
    public static MeasurementData LoadEmbeddedGpu()
    {
        var catalog = HardwareCatalog.Load(null);
        var parts = EmbeddedGpuFiles.Select(f => Parse(ReadEmbeddedText(f), "embedded " + f, catalog)).ToList();
        return new MeasurementData(
            parts.SelectMany(p => p.Points).ToList(),
            parts.SelectMany(p => p.Skipped).Distinct().ToList(),
            string.Join(" + ", parts.Select(p => p.Description)));
    }

    /// <summary>Reads the measurement file at <paramref name="path"/>; hardware ids are looked up in <paramref name="catalog"/>.</summary>
    public static MeasurementData Load(string path, HardwareCatalog catalog) => Parse(File.ReadAllText(path), path, catalog);

    /// <summary>Reads measurements from <paramref name="json"/>; <paramref name="origin"/> names it in errors.</summary>
    public static MeasurementData Parse(string json, string origin, HardwareCatalog catalog)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var schema = root.TryGetProperty("schema", out var s) ? s.GetString() : null;
        return schema switch
        {
            "tokenclock.gpu-measurements/1" => ParseGpu(root, origin, catalog),
            "tokenclock.measurements/1" => ParsePoints(root, origin, catalog),
            _ => throw new InvalidDataException($"'{origin}' has schema '{schema}'; expected tokenclock.gpu-measurements/1 or tokenclock.measurements/1."),
        };
    }

    private static MeasurementData ParseGpu(JsonElement root, string origin, HardwareCatalog catalog)
    {
        var card = root.GetProperty("card").GetString() ?? "";
        var hardware = catalog.Get(CardToId(card));
        var f16 = WeightFormats.Get("f16");
        var points = new List<MeasuredPoint>();
        var skipped = new List<string>();
        foreach (var m in root.GetProperty("measurements").EnumerateArray())
        {
            var name = m.GetProperty("shape").GetString()!;
            if (!ShapeCatalog.TryGet(name, out var shape)) { skipped.Add(name); continue; }
            var phase = m.GetProperty("phase").GetString();
            // generate() timings include the host loop around the forward step: they measure the engine's per-token
            // overhead (OtherEngines), not the forward pass the calibration fits.
            if (phase == "generate") continue;
            if (phase is not ("prefill" or "decode"))
                throw new InvalidDataException($"'{origin}': measurement phase '{phase}' is unknown; expected prefill, decode or generate.");
            var batch = m.TryGetProperty("batch", out var b) ? b.GetInt32() : 1;
            var ms = m.GetProperty("ms_median").GetDouble();
            if (phase == "prefill")
            {
                var prompt = m.GetProperty("prompt").GetInt32();
                points.Add(new MeasuredPoint { Shape = shape, Format = f16, Hardware = hardware, PromptTokens = prompt, OutputTokens = 1, Batch = batch, TtftMs = ms, Label = $"{name} prefill {prompt}" });
            }
            else
            {
                var context = m.GetProperty("context").GetInt32();
                var steps = m.TryGetProperty("steps", out var st) ? st.GetInt32() : 1;
                points.Add(new MeasuredPoint { Shape = shape, Format = f16, Hardware = hardware, PromptTokens = context, OutputTokens = steps, Batch = batch, TpotMs = ms, Label = $"{name} decode ctx {context} b{batch}" });
            }
        }
        var description = string.Create(CultureInfo.InvariantCulture, $"{card}, torch {Str(root, "torch")}, transformers {Str(root, "transformers")}, {Str(root, "date_utc")}");
        return new MeasurementData(points, skipped.Distinct().ToList(), description);
    }

    private static MeasurementData ParsePoints(JsonElement root, string origin, HardwareCatalog catalog)
    {
        var hardwareId = root.TryGetProperty("hardware", out var h) ? h.GetString()! : ThisMachine.Id;
        HardwareSpec hardware;
        if (string.Equals(hardwareId, ThisMachine.Id, StringComparison.OrdinalIgnoreCase))
        {
            var probe = new Dictionary<string, double>();
            if (root.TryGetProperty("probe", out var p))
                foreach (var kv in p.EnumerateObject()) probe[kv.Name] = kv.Value.GetDouble();
            var memoryGb = root.TryGetProperty("memory_gb", out var mg) ? mg.GetDouble() : 16;
            hardware = ThisMachine.FromEnvironment(new EnvironmentInfo
            {
                Os = "", CpuModel = root.TryGetProperty("cpu", out var c) ? c.GetString() ?? "cpu" : "cpu",
                Cores = root.TryGetProperty("cores", out var co) ? co.GetInt32() : 0,
                MemoryBytes = (long)(memoryGb * HardwareSpec.BytesPerGib), Runtime = "", ToolVersion = "", Probe = probe,
            });
        }
        else hardware = catalog.Get(hardwareId);

        var points = new List<MeasuredPoint>();
        var skipped = new List<string>();
        foreach (var m in root.GetProperty("points").EnumerateArray())
        {
            var name = m.GetProperty("model").GetString()!;
            if (!ShapeCatalog.TryGet(name, out var shape)) { skipped.Add(name); continue; }
            if (m.TryGetProperty("layers", out var l)) shape = shape.WithLayers(l.GetInt32());
            var format = WeightFormats.Get(m.TryGetProperty("format", out var f) ? f.GetString()! : "f16");
            points.Add(new MeasuredPoint
            {
                Shape = shape,
                Format = format,
                Hardware = hardware,
                PromptTokens = m.GetProperty("prompt").GetInt32(),
                OutputTokens = m.TryGetProperty("output", out var o) ? o.GetInt32() : 1,
                Batch = m.TryGetProperty("batch", out var b) ? b.GetInt32() : 1,
                TtftMs = m.TryGetProperty("ttft_ms", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null,
                TpotMs = m.TryGetProperty("tpot_ms", out var tp) && tp.ValueKind == JsonValueKind.Number ? tp.GetDouble() : null,
                Label = m.TryGetProperty("label", out var lb) ? lb.GetString() ?? "" : $"{shape.Name} {format.Name}",
            });
        }
        return new MeasurementData(points, skipped.Distinct().ToList(), $"{origin} on {hardware.Id}");
    }

    /// <summary>
    /// Maps a CUDA device name (torch.cuda.get_device_name, nvidia-smi) to a catalog id. Form factor and memory size
    /// are part of the name because they change bandwidth: "A100 80GB PCIe" is 1935 GB/s, the SXM part 2039.
    /// An unrecognised name is returned unchanged, so the catalog lookup names it and lists what exists.
    /// </summary>
    public static string CardToId(string card)
    {
        bool Has(string part) => card.Contains(part, StringComparison.OrdinalIgnoreCase);
        var pcie = Has("PCIe");
        if (Has("GH200")) return "gh200";
        if (Has("H200")) return Has("NVL") ? "h200-nvl" : "h200";
        if (Has("H100")) return Has("NVL") ? "h100-nvl" : pcie ? "h100-pcie" : "h100-sxm";
        if (Has("A100")) return (pcie ? "a100-pcie-" : "a100-sxm-") + (Has("80") ? "80gb" : "40gb");
        if (Has("B200")) return "b200";
        if (Has("L40S")) return "l40s";
        if (Has("A10G")) return "a10g";
        if (Has("RTX 6000 Ada")) return "rtx-6000-ada";
        if (Has("RTX 5000 Ada")) return "rtx-5000-ada";
        if (Has("RTX 4000 Ada")) return "rtx-4000-ada";
        if (Has("RTX A6000")) return "a6000";
        foreach (var geforce in new[] { "5090", "4090", "4080", "4070 Ti", "3090 Ti", "3090", "3080", "3070" })
            if (Has("RTX " + geforce)) return "rtx-" + geforce.Replace(" ", "-", StringComparison.Ordinal).ToLowerInvariant();
        if (Has("MI300X")) return "mi300x";
        foreach (var id in new[] { "A40", "L4", "T4", "V100" })
            if (System.Text.RegularExpressions.Regex.IsMatch(card, $@"\b{id}\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)) return id.ToLowerInvariant();
        return card;
    }

    /// <summary>The shipped H100 data (same script, another card and host) for cross-card checks.</summary>
    public static MeasurementData LoadEmbeddedH100() => Parse(ReadEmbeddedText("gpu-measurements-h100.json"), "embedded gpu-measurements-h100.json", HardwareCatalog.Load(null));

    private static string Str(JsonElement root, string key) => root.TryGetProperty(key, out var v) ? v.ToString() : "?";

    /// <summary>The HF sdpa/eager measurements of 2026-12-02 (pinned host cores), with generate() per-token times.</summary>
    public static readonly string[] EmbeddedHfAttentionFiles = ["gpu-h200-2026-12-02.hf-sdpa-pinned.json", "gpu-h200-2026-12-02.hf-eager-pinned.json"];

    /// <summary>The text of a shipped data file (resource name after "TokenClock.Prediction.Data.").</summary>
    public static string ReadEmbeddedText(string fileName)
    {
        using var stream = typeof(MeasurementSet).Assembly.GetManifestResourceStream($"TokenClock.Prediction.Data.{fileName}")
            ?? throw new InvalidOperationException($"Embedded data '{fileName}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
