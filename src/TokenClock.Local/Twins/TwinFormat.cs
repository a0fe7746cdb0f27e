namespace TokenClock.Local.Twins;

/// <summary>Number format of a latency twin's matrices (norms stay F32, as in published GGUF files).</summary>
public enum TwinFormat
{
    /// <summary>32-bit floats.</summary>
    F32,
    /// <summary>16-bit floats.</summary>
    F16,
    /// <summary>8-bit blocks of 32 with one F16 scale each.</summary>
    Q8_0,
    /// <summary>4-bit blocks of 32 with one F16 scale each.</summary>
    Q4_0,
    /// <summary>llama.cpp's 4-bit k-quant mix (some tensors at higher precision).</summary>
    Q4_K_M,
}
