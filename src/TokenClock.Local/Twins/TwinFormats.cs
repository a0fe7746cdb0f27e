using TokenClock.Local.Gguf;
using TokenClock.Prediction.Gguf;

namespace TokenClock.Local.Twins;

/// <summary>Names and GGUF codes of <see cref="TwinFormat"/>, and the general.file_type names of GGUF files.</summary>
public static class TwinFormats
{
    /// <summary>Format names as written in twin references, in <see cref="TwinFormat"/> order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["f32", "f16", "q8_0", "q4_0", "q4_k_m"];

    /// <summary>Reads a format name (case ignored; "q8" means q8_0); false for an unknown one.</summary>
    public static bool TryParse(string text, out TwinFormat format)
    {
        format = text.Trim().ToLowerInvariant() switch
        {
            "f32" => TwinFormat.F32,
            "f16" => TwinFormat.F16,
            "q8_0" or "q8" => TwinFormat.Q8_0,
            "q4_0" => TwinFormat.Q4_0,
            "q4_k_m" => TwinFormat.Q4_K_M,
            _ => (TwinFormat)(-1),
        };
        return Enum.IsDefined(format);
    }

    /// <summary>The lower-case name of <paramref name="format"/>.</summary>
    public static string Name(TwinFormat format) => Names[(int)format];

    /// <summary>llama.cpp's general.file_type value of each format.</summary>
    public static uint FileType(TwinFormat format) => format switch
    {
        TwinFormat.F32 => 0,
        TwinFormat.F16 => 1,
        TwinFormat.Q4_0 => 2,
        TwinFormat.Q8_0 => 7,
        TwinFormat.Q4_K_M => 15,
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    internal static GgmlType MatrixType(TwinFormat format) => format == TwinFormat.F32 ? GgmlType.F32 : GgmlType.F16;

    /// <summary>Name of a general.file_type value (llama.cpp's numbering).</summary>
    public static string FileTypeName(long fileType) => fileType switch
    {
        0 => "F32",
        1 => "F16",
        2 => "Q4_0",
        3 => "Q4_1",
        7 => "Q8_0",
        8 => "Q5_0",
        9 => "Q5_1",
        10 => "Q2_K",
        11 => "Q3_K_S",
        12 => "Q3_K_M",
        13 => "Q3_K_L",
        14 => "Q4_K_S",
        15 => "Q4_K_M",
        16 => "Q5_K_S",
        17 => "Q5_K_M",
        18 => "Q6_K",
        32 => "BF16",
        _ => $"file_type {fileType}",
    };
}
