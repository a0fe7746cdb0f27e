using TokenClock.Core.Settings;

namespace TokenClock.Prediction.Shapes;

/// <summary>
/// The published shape of a dense decoder-only transformer (llama architecture: RMSNorm, rotary
/// embeddings, SwiGLU feed-forward, grouped-query attention; the output matrix is separate unless
/// <see cref="TiedEmbeddings"/>, and q/k/v carry biases where <see cref="QkvBias"/> (Qwen2)).
/// Latency depends on these numbers and the weight format, not on the weight values.
/// </summary>
public sealed record ModelShape
{
    /// <summary>Catalog name, e.g. "llama-2-7b".</summary>
    public required string Name { get; init; }
    /// <summary>Transformer blocks.</summary>
    public required int Layers { get; init; }
    /// <summary>Hidden (embedding) size.</summary>
    public required int HiddenSize { get; init; }
    /// <summary>Attention (query) heads.</summary>
    public required int Heads { get; init; }
    /// <summary>Key/value heads (fewer than <see cref="Heads"/> with grouped-query attention).</summary>
    public required int KvHeads { get; init; }
    /// <summary>SwiGLU inner size.</summary>
    public required int FeedForwardSize { get; init; }
    /// <summary>Vocabulary size.</summary>
    public required int VocabSize { get; init; }
    /// <summary>Trained context length, in tokens.</summary>
    public required int ContextLength { get; init; }
    /// <summary>RoPE frequency base.</summary>
    public double RopeTheta { get; init; } = 10_000;
    /// <summary>Whether the output matrix is the token-embedding matrix (config tie_word_embeddings; a GGUF without output.weight).</summary>
    public bool TiedEmbeddings { get; init; }
    /// <summary>Whether the q, k and v projections carry biases (Qwen2 family).</summary>
    public bool QkvBias { get; init; }
    /// <summary>Epsilon of the RMS norms.</summary>
    public double RmsNormEpsilon { get; init; } = 1e-5;
    /// <summary>Where the numbers come from (model card or config.json), for the catalog listing.</summary>
    public string? Source { get; init; }
    /// <summary>Published parameter count, when the source states one, to check <see cref="Parameters"/>.</summary>
    public long? PublishedParameters { get; init; }

    /// <summary>Width of one head.</summary>
    public int HeadDim => HiddenSize / Heads;
    /// <summary>Width of the key (or value) projection: KV heads × head width.</summary>
    public int KvDim => KvHeads * HeadDim;

    /// <summary>Weights of one transformer block: attention (q, k, v, o), SwiGLU (gate, up, down), two norms.</summary>
    public long ParametersPerLayer =>
        (long)HiddenSize * HiddenSize * 2          // q, o
        + 2L * HiddenSize * KvDim                   // k, v
        + 3L * HiddenSize * FeedForwardSize         // gate, up, down
        + 2L * HiddenSize                           // attn_norm, ffn_norm
        + (QkvBias ? HiddenSize + 2L * KvDim : 0);  // q, k, v biases

    /// <summary>Token embedding plus the output matrix, once when they are tied (the same weights serve both).</summary>
    public long EmbeddingParameters => (TiedEmbeddings ? 1L : 2L) * VocabSize * HiddenSize;

    /// <summary>All weights: embeddings, every block, and the final norm.</summary>
    public long Parameters => EmbeddingParameters + Layers * ParametersPerLayer + HiddenSize;

    /// <summary>KV-cache elements per token of context (keys and values, all layers).</summary>
    public long KvElementsPerToken => 2L * Layers * KvDim;

    /// <summary>This shape with its depth cut (a per-layer cost is then measurable).</summary>
    public ModelShape WithLayers(int layers)
    {
        if (layers < 1 || layers > Layers)
            throw new SettingException(PredictionSettings.Layers, n => $"{n(PredictionSettings.Layers)} must be between 1 and {Layers} for shape '{Name}'; got {layers}");
        return this with { Name = layers == Layers ? Name : $"{Name}@{layers}L", Layers = layers, PublishedParameters = layers == Layers ? PublishedParameters : null };
    }

    /// <summary>Checks that the numbers describe a buildable model; returns the problems.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Layers < 1) problems.Add($"layers is {Layers}; it must be at least 1");
        if (HiddenSize < 1) problems.Add($"hidden size is {HiddenSize}; it must be positive");
        if (Heads < 1 || HiddenSize % Math.Max(Heads, 1) != 0) problems.Add($"hidden size {HiddenSize} must be a multiple of heads {Heads}");
        if (KvHeads < 1 || Heads % Math.Max(KvHeads, 1) != 0) problems.Add($"heads {Heads} must be a multiple of KV heads {KvHeads}");
        if (FeedForwardSize < 1) problems.Add($"feed-forward size is {FeedForwardSize}; it must be positive");
        if (VocabSize < 1) problems.Add($"vocabulary size is {VocabSize}; it must be positive");
        if (ContextLength < 1) problems.Add($"context length is {ContextLength}; it must be positive");
        return problems;
    }
}
