using System.Text.Json;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Shapes;
using TokenClock.Core.Settings;

namespace TokenClock.Prediction.Model;

/// <summary>Reads a llama-family shape from a Hugging Face config.json.</summary>
internal static class HfConfigReader
{
    public static ResolvedModel Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return Parse(doc.RootElement, path);
    }

    public static ResolvedModel Parse(JsonElement root, string origin)
    {
        int Int(string key, int? fallback = null)
        {
            if (root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number) return v.GetInt32();
            return fallback ?? throw new InvalidDataException(
                $"config.json '{origin}' has no '{key}'; a llama-family config needs num_hidden_layers, hidden_size, " +
                "num_attention_heads, intermediate_size and vocab_size.");
        }

        var heads = Int("num_attention_heads");
        var name = root.TryGetProperty("_name_or_path", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() is { Length: > 0 } s
            ? s
            : Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(origin))) ?? "config";
        var shape = new ModelShape
        {
            Name = name,
            Layers = Int("num_hidden_layers"),
            HiddenSize = Int("hidden_size"),
            Heads = heads,
            KvHeads = Int("num_key_value_heads", heads),
            FeedForwardSize = Int("intermediate_size"),
            VocabSize = Int("vocab_size"),
            ContextLength = Int("max_position_embeddings", 4096),
            RopeTheta = root.TryGetProperty("rope_theta", out var rt) && rt.ValueKind == JsonValueKind.Number ? rt.GetDouble() : 10_000,
            RmsNormEpsilon = root.TryGetProperty("rms_norm_eps", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : 1e-5,
            // Llama-family configs default to an untied output matrix; small models (Qwen2.5-0.5B, Llama-3.2-1B) tie it.
            TiedEmbeddings = root.TryGetProperty("tie_word_embeddings", out var tie) && tie.ValueKind == JsonValueKind.True,
            QkvBias = (root.TryGetProperty("attention_bias", out var ab) && ab.ValueKind == JsonValueKind.True)
                || (root.TryGetProperty("model_type", out var mt) && mt.ValueKind == JsonValueKind.String && mt.GetString() is "qwen2"),
            Source = origin,
        };
        var problems = shape.Validate();
        if (problems.Count > 0)
            throw new InvalidDataException($"config.json '{origin}' describes no buildable model: {string.Join("; ", problems)}.");
        // transformers 5 writes "dtype"; earlier versions "torch_dtype". A value we do not model is an error, not f16.
        WeightFormat? format = null;
        foreach (var key in new[] { "dtype", "torch_dtype" })
        {
            if (!root.TryGetProperty(key, out var dt) || dt.ValueKind != JsonValueKind.String) continue;
            var value = dt.GetString();
            format = value switch
            {
                "float16" or "half" => WeightFormats.Get("f16"),
                "bfloat16" => WeightFormats.Get("bf16"),
                "float32" or "float" => WeightFormats.Get("f32"),
                _ => throw new SettingException(PredictionSettings.WeightFormat, n =>
                    $"config.json '{origin}' has {key} '{value}', which the predictor does not model (float16, bfloat16, float32 are). " +
                    $"Name the weight format with {n(PredictionSettings.WeightFormat)}."),
            };
            break;
        }
        return new ResolvedModel(shape, format, origin);
    }
}
