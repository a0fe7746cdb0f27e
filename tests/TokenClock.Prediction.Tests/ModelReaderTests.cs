using System.Text;
using TokenClock.Prediction.Calibration;
using TokenClock.Prediction.Gguf;
using TokenClock.Prediction.Model;

namespace TokenClock.Prediction.Tests;

public sealed class ModelReaderTests
{
    [Fact]
    public void Gguf_header_gives_the_shape_and_file_type_without_reading_tensors()
    {
        var path = Path.Combine(Support.TempDir(), "m.gguf");
        using (var w = new BinaryWriter(File.Create(path), Encoding.UTF8))
        {
            void Str(string s) { var b = Encoding.UTF8.GetBytes(s); w.Write((ulong)b.Length); w.Write(b); }
            void KvU32(string k, uint v) { Str(k); w.Write(4u); w.Write(v); }
            w.Write(0x46554747u); w.Write(3u); w.Write(0ul); w.Write(11ul);
            Str("general.architecture"); w.Write(8u); Str("llama");
            Str("general.name"); w.Write(8u); Str("twin");
            KvU32("llama.block_count", 4);
            KvU32("llama.embedding_length", 4096);
            KvU32("llama.feed_forward_length", 14336);
            KvU32("llama.attention.head_count", 32);
            KvU32("llama.attention.head_count_kv", 8);
            KvU32("llama.context_length", 4096);
            Str("llama.rope.freq_base"); w.Write(6u); w.Write(500000f);
            KvU32("general.file_type", 2);
            Str("tokenizer.ggml.tokens"); w.Write(9u); w.Write(8u); w.Write(3ul); Str("a"); Str("bb"); Str("ccc");
        }
        var model = GgufShapeReader.Read(path);
        Assert.Equal(("twin", 4, 4096, 32, 8, 14336, 3), (model.Shape.Name, model.Shape.Layers, model.Shape.HiddenSize, model.Shape.Heads, model.Shape.KvHeads, model.Shape.FeedForwardSize, model.Shape.VocabSize));
        Assert.Equal(500000, model.Shape.RopeTheta);
        Assert.Equal("q4_0", model.ImpliedFormat?.Name);
        Assert.Equal(model.Shape.Name, ModelResolver.Resolve(path).Shape.Name);
    }

    [Fact]
    public void Truncated_or_foreign_files_are_rejected_with_the_reason()
    {
        var dir = Support.TempDir();
        File.WriteAllBytes(Path.Combine(dir, "a.gguf"), [0x47, 0x47, 0x55, 0x46, 3, 0, 0, 0]);
        File.WriteAllBytes(Path.Combine(dir, "b.gguf"), Encoding.ASCII.GetBytes("PK\u0003\u0004 not gguf"));
        Assert.Contains("truncated", Assert.Throws<GgufFormatException>(() => GgufShapeReader.Read(Path.Combine(dir, "a.gguf"))).Message);
        Assert.Contains("'GGUF'", Assert.Throws<GgufFormatException>(() => GgufShapeReader.Read(Path.Combine(dir, "b.gguf"))).Message);
    }

    [Fact]
    public void A_layer_count_beyond_32_bits_is_refused_by_name_not_truncated()
    {
        var path = Path.Combine(Support.TempDir(), "huge.gguf");
        using (var w = new BinaryWriter(File.Create(path), Encoding.UTF8))
        {
            void Str(string s) { var b = Encoding.UTF8.GetBytes(s); w.Write((ulong)b.Length); w.Write(b); }
            w.Write(0x46554747u); w.Write(3u); w.Write(0ul); w.Write(4ul);
            Str("general.architecture"); w.Write(8u); Str("llama");
            Str("llama.attention.head_count"); w.Write(4u); w.Write(8u);
            Str("llama.vocab_size"); w.Write(4u); w.Write(32000u);
            Str("llama.block_count"); w.Write(10u); w.Write((1UL << 32) + 4); // uint64: would wrap to 4 layers if cast unchecked
        }

        var ex = Assert.Throws<GgufFormatException>(() => GgufShapeReader.Read(path));

        Assert.Contains("llama.block_count", ex.Message, StringComparison.Ordinal);
        Assert.Contains("huge.gguf", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hf_config_json_gives_the_shape_with_gqa_and_dtype()
    {
        var dir = Support.TempDir();
        File.WriteAllText(Path.Combine(dir, "config.json"), """
        { "_name_or_path": "mistralai/Mistral-7B-v0.1", "hidden_size": 4096, "intermediate_size": 14336, "num_attention_heads": 32,
          "num_hidden_layers": 32, "num_key_value_heads": 8, "vocab_size": 32000, "max_position_embeddings": 32768, "torch_dtype": "bfloat16" }
        """);
        var model = ModelResolver.Resolve(dir);
        Assert.Equal(7_241_732_096, model.Shape.Parameters);
        Assert.Equal("bf16", model.ImpliedFormat?.Name);
        Assert.Equal(8, model.Shape.KvHeads);
    }

    [Fact]
    public void Run_spec_hints_find_model_layers_and_format_at_any_depth()
    {
        var hints = RunPoints.SpecHints("""{"backend":{"kind":"local","model":"llama-2-7b","layers":4,"quant":"q4_0"},"prompt":"x"}""");
        Assert.Equal(("llama-2-7b", (int?)4, "q4_0"), hints);
        Assert.Equal((null, (int?)null, null), RunPoints.SpecHints("not json"));
    }
}
