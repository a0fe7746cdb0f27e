using TokenClock.Core.Settings;

namespace TokenClock.Prediction.Formats;

/// <summary>The weight formats the predictor knows, with bytes per weight as stored on disk and in memory.</summary>
public static class WeightFormats
{
    private static readonly WeightFormat[] All =
    [
        new("f32", 32, "fp32", "IEEE float32"),
        new("f16", 16, "fp16", "IEEE float16"),
        new("bf16", 16, "bf16", "bfloat16"),
        new("q8_0", 34 * 8 / 32.0, "fp16", "GGML q8_0: 32 int8 weights + one f16 scale = 34 bytes"),
        new("q6_k", 6.5625, "fp16", "GGML q6_K: 210 bytes per 256 weights"),
        new("q5_k_m", 5.69, "fp16", "GGML Q5_K_M mix (about 5.69 bits per weight on llama models)"),
        new("q4_k_m", 4.85, "fp16", "GGML Q4_K_M mix (about 4.85 bits per weight on llama models)"),
        new("q4_0", 18 * 8 / 32.0, "fp16", "GGML q4_0: 32 4-bit weights + one f16 scale = 18 bytes"),
        new("int8", 8, "int8", "8-bit integer weights (e.g. LLM.int8 / W8A8), int8 tensor cores where available"),
        new("fp8", 8, "fp8", "8-bit float weights (E4M3), fp8 tensor cores on Hopper/Ada"),
    ];

    /// <summary>Every known format.</summary>
    public static IReadOnlyList<WeightFormat> Formats => All;

    /// <summary>The formats' names.</summary>
    public static IEnumerable<string> Names => All.Select(f => f.Name);

    /// <summary>The format named <paramref name="name"/> (case ignored, - as _; fp16 and fp32 also accepted); an unknown one throws.</summary>
    public static WeightFormat Get(string name)
    {
        var key = name.Trim().Replace('-', '_');
        var found = All.FirstOrDefault(f => string.Equals(f.Name, key, StringComparison.OrdinalIgnoreCase));
        if (key.Equals("fp16", StringComparison.OrdinalIgnoreCase)) found = All[1];
        if (key.Equals("fp32", StringComparison.OrdinalIgnoreCase)) found = All[0];
        return found ?? throw new SettingException(PredictionSettings.WeightFormat, _ =>
            $"Unknown weight format '{name}'. Known formats: {string.Join(", ", Names)}. " +
            "Run 'tokenclock predict formats' to list them with their bytes per weight.");
    }

    /// <summary>Maps a GGUF general.file_type value to a format (null when the type is not modelled).</summary>
    public static WeightFormat? FromGgufFileType(uint fileType) => fileType switch
    {
        0 => Get("f32"),
        1 => Get("f16"),
        2 => Get("q4_0"),
        7 => Get("q8_0"),
        15 => Get("q4_k_m"),
        17 => Get("q5_k_m"),
        18 => Get("q6_k"),
        32 => Get("bf16"),
        _ => null,
    };
}
