namespace TokenClock.Local.Twins;

/// <summary>Number format of a latency twin's matrices (norms stay F32, as in published GGUF files).</summary>
public enum TwinFormat
{
    F32,
    F16,
    Q8_0,
    Q4_0,
    Q4_K_M,
}
