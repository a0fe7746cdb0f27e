namespace TokenClock.Prediction.Model;

/// <summary>
/// The work of one forward pass, split into its matrix-product part (weights) and its attention part
/// (KV cache and score traffic), because the two hit different roofs and run as separate kernels.
/// </summary>
internal readonly record struct PassWork(
    int Layers,
    double LinearFlops,
    double WeightBytes,
    double AttentionFlops,
    double KvBytes,
    double ScoreBytes)
{
    public double TotalFlops => LinearFlops + AttentionFlops;
    public double TotalBytes => WeightBytes + KvBytes + ScoreBytes;
}
