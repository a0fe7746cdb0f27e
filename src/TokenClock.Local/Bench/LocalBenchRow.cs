namespace TokenClock.Local.Bench;

/// <summary>One twin measured in process: load, prefill, decode (ours vs llama.cpp's own timers).</summary>
public sealed record LocalBenchRow(
    string Model,
    int Layers,
    string Format,
    long FileBytes,
    long BytesPerLayer,
    double LoadMs,
    int PromptTokens,
    double TtftMs,
    int OutputTokens,
    double DecodeMsPerToken,
    double EngineDecodeMsPerToken,
    double EnginePromptMs)
{
    /// <summary>How much slower our per-token stream is than the engine's decode timer, in percent.</summary>
    public double OverheadPercent => EngineDecodeMsPerToken > 0 ? (DecodeMsPerToken / EngineDecodeMsPerToken - 1) * 100 : double.NaN;

    /// <summary>Decode rate from our per-token stream, tokens per second.</summary>
    public double TokensPerSecond => 1000 / DecodeMsPerToken;

    /// <summary>Decode rate from llama.cpp's own timer, tokens per second.</summary>
    public double EngineTokensPerSecond => 1000 / EngineDecodeMsPerToken;
}
