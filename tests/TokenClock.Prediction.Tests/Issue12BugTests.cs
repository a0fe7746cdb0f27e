using TokenClock.Prediction.Calibration;
using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Hardware;
using TokenClock.Prediction.Model;
using TokenClock.Prediction.Shapes;
using TokenClock.Core.Settings;

namespace TokenClock.Prediction.Tests;

/// <summary>The bugs issue 12 reports, each pinned by the figure the issue quotes.</summary>
public sealed class Issue12BugTests
{
    [Fact]
    public void Gpu_memory_is_GiB_so_llama_3_8b_f16_fits_the_16GB_RTX_4080_it_ran_on()
    {
        // Published: llama.cpp ran Llama-3-8B F16 fully on an RTX 4080 at 40.6 tokens/s (pp512/tg512).
        var hw = Support.Catalog.Get("rtx-4080");
        Assert.Equal(16L << 30, hw.MemoryBytes);
        var fp = MemoryEstimator.Estimate(ShapeCatalog.Get("llama-3-8b"), WeightFormats.Get("f16"), hw, EngineProfiles.LlamaCppGpu, new OperatingPoint(512, 128));
        Assert.True(fp.Fits, $"needs {fp.TotalBytes / (1L << 30):F2} GiB of {fp.UsableBytes / (1L << 30):F2} GiB");
    }

    [Fact]
    public void Tied_embeddings_count_once_qwen2_5_0_5b_has_0_494_billion_parameters()
    {
        var dir = Support.TempDir();
        File.WriteAllText(Path.Combine(dir, "config.json"), """
        { "model_type": "qwen2", "hidden_size": 896, "intermediate_size": 4864, "num_attention_heads": 14, "num_hidden_layers": 24,
          "num_key_value_heads": 2, "vocab_size": 151936, "max_position_embeddings": 32768, "tie_word_embeddings": true, "torch_dtype": "bfloat16" }
        """);
        var model = ModelResolver.Resolve(dir);
        Assert.True(model.Shape.TiedEmbeddings);
        Assert.Equal(494_032_768, model.Shape.Parameters); // the published count
        var fp = MemoryEstimator.Estimate(model.Shape, model.ImpliedFormat!, Support.Catalog.Get("l4"), EngineProfiles.HfEager, new OperatingPoint(10, 10));
        Assert.Equal(0.988, fp.WeightBytes / 1e9, 3);
    }

    [Theory]
    [InlineData("dtype", "bfloat16", "bf16")]
    [InlineData("dtype", "float32", "f32")]
    [InlineData("torch_dtype", "float16", "f16")]
    public void Transformers_5_dtype_key_is_read_like_torch_dtype(string key, string value, string format)
    {
        var dir = Support.TempDir();
        File.WriteAllText(Path.Combine(dir, "config.json"), $$"""
        { "hidden_size": 4096, "intermediate_size": 14336, "num_attention_heads": 32, "num_hidden_layers": 32,
          "num_key_value_heads": 8, "vocab_size": 128256, "{{key}}": "{{value}}" }
        """);
        Assert.Equal(format, ModelResolver.Resolve(dir).ImpliedFormat?.Name);
    }

    [Fact]
    public void An_unknown_dtype_is_refused_naming_it_instead_of_becoming_f16()
    {
        var dir = Support.TempDir();
        File.WriteAllText(Path.Combine(dir, "config.json"), """
        { "hidden_size": 64, "intermediate_size": 128, "num_attention_heads": 2, "num_hidden_layers": 1, "vocab_size": 100, "dtype": "float8_e4m3fn" }
        """);
        var ex = Assert.Throws<SettingException>(() => ModelResolver.Resolve(dir));
        Assert.Contains("'float8_e4m3fn'", ex.Message);
        Assert.Equal([PredictionSettings.WeightFormat], ex.Settings);
        Assert.DoesNotContain("--", ex.Message, StringComparison.Ordinal); // the library names settings, the CLI names flags
    }

    [Theory]
    [InlineData("NVIDIA A100 80GB PCIe", "a100-pcie-80gb")]
    [InlineData("NVIDIA A100-PCIE-40GB", "a100-pcie-40gb")]
    [InlineData("NVIDIA A100-SXM4-80GB", "a100-sxm-80gb")]
    [InlineData("NVIDIA H100 PCIe", "h100-pcie")]
    [InlineData("NVIDIA H100 NVL", "h100-nvl")]
    [InlineData("NVIDIA H100 80GB HBM3", "h100-sxm")]
    [InlineData("NVIDIA GeForce RTX 4090", "rtx-4090")]
    [InlineData("NVIDIA GeForce RTX 3090 Ti", "rtx-3090-ti")]
    [InlineData("NVIDIA L4", "l4")]
    [InlineData("NVIDIA L40S", "l40s")]
    public void Card_names_map_to_their_own_form_factor(string card, string id)
    {
        Assert.Equal(id, MeasurementSet.CardToId(card));
        Assert.Equal(id, Support.Catalog.Get(MeasurementSet.CardToId(card)).Id);
    }

    [Fact]
    public void A_prompt_beyond_the_model_context_is_refused_with_the_numbers()
    {
        var ex = Assert.Throws<SettingException>(() => LatencyPredictor.Predict(ShapeCatalog.Get("llama-2-7b"), WeightFormats.Get("f16"),
            Support.Catalog.Get("a100-40gb"), EngineProfiles.LlamaCppGpu, new OperatingPoint(8000, 300)));
        Assert.Contains("8300 tokens exceed the context of llama-2-7b (4096 tokens)", ex.Message);
    }

    [Fact]
    public void Llama_cpp_prefill_activations_follow_its_512_token_ubatch_not_the_whole_prompt()
    {
        var shape = ShapeCatalog.Get("llama-3.1-8b");
        var engine = EngineProfiles.LlamaCppGpu;
        var act = MemoryEstimator.PrefillActivations(shape, engine, 100_000);
        // one ubatch: 512 rows of hidden state and one 512 x 100k f32 score block per head
        var expected = 512.0 * (4 * 4096 + 3 * 14336) * 2 + 128256 * 4.0 + 32.0 * 512 * 100_000 * 4;
        Assert.Equal(expected, act, 0);
        Assert.True(act < 10e9, $"{act / 1e9:F1} GB");
        // the issue's 2.58 TB came from treating the whole prompt as one pass
        Assert.True(MemoryEstimator.PrefillActivations(shape, engine with { PrefillChunkTokens = null }, 100_000) > 1e12);
    }

    [Fact]
    public void Chunked_prefill_reads_the_weights_once_per_chunk()
    {
        var shape = ShapeCatalog.Get("llama-2-7b");
        var f16 = WeightFormats.Get("f16");
        var hw = Support.Catalog.Get("h100-sxm");
        var whole = ForwardPassModel.PrefillTime(shape, f16, hw, Support.Ideal, 1, 2048);
        var chunked = ForwardPassModel.PrefillTime(shape, f16, hw, Support.Ideal with { PrefillChunkTokens = 512 }, 1, 2048);
        var weights = (shape.Layers * shape.ParametersPerLayer + shape.HiddenSize + (double)shape.VocabSize * shape.HiddenSize) * 2;
        Assert.True(chunked.Bytes >= 4 * weights && whole.Bytes < 2 * weights);
        Assert.Equal(4, ForwardPassModel.PrefillChunks(Support.Ideal with { PrefillChunkTokens = 512 }, 2048).Count());
    }

    [Fact]
    public void A_workload_that_does_not_fit_has_no_cost()
    {
        var p = LatencyPredictor.Predict(ShapeCatalog.Get("llama-2-7b"), WeightFormats.Get("f16"), Support.Catalog.Get("a100-40gb"),
            EngineProfiles.LlamaCppGpu, new OperatingPoint(2000, 300, 5000));
        Assert.False(p.Memory.Fits);
        Assert.Empty(p.Costs);
    }
}
