using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Model;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Prediction.Tests;

public sealed class SizeTests
{
    [Theory]
    [InlineData("llama-2-7b", 524_288)]      // 0.5 MiB per token (32 layers × 2 × 4096 × 2 bytes)
    [InlineData("llama-2-13b", 819_200)]     // 0.78 MiB
    [InlineData("llama-2-70b", 327_680)]     // GQA: 8 KV heads → 0.3125 MiB, not 2.5 MiB
    [InlineData("mistral-7b", 131_072)]      // GQA 8 of 32 heads → 128 KiB
    public void Fp16_kv_cache_per_token_matches_published_figures(string name, long bytesPerToken)
    {
        var fp = MemoryEstimator.Estimate(ShapeCatalog.Get(name), WeightFormats.Get("f16"), Support.Catalog.Get("h100-sxm"), EngineProfiles.VllmLike, new OperatingPoint(1, 1));
        Assert.Equal(bytesPerToken, fp.KvBytesPerToken);
    }

    [Fact]
    public void Parameter_counts_match_the_published_counts()
    {
        foreach (var shape in ShapeCatalog.Shapes.Where(s => s.PublishedParameters is not null))
            Assert.True(shape.Parameters == shape.PublishedParameters, $"{shape.Name}: {shape.Parameters} vs {shape.PublishedParameters}");
    }

    [Theory]
    [InlineData("q4_0", 4.5)]
    [InlineData("q8_0", 8.5)]
    [InlineData("f16", 16)]
    [InlineData("q4_k_m", 4.85)]
    [InlineData("fp8", 8)]
    public void Weight_formats_store_their_block_scales(string name, double bits) =>
        Assert.Equal(bits, WeightFormats.Get(name).BitsPerWeight, 9);

    [Fact]
    public void Llama_2_70b_in_f16_does_not_fit_a_T4_and_says_by_how_much()
    {
        var shape = ShapeCatalog.Get("llama-2-70b");
        var fp = MemoryEstimator.Estimate(shape, WeightFormats.Get("f16"), Support.Catalog.Get("t4"), EngineProfiles.LlamaCppGpu, new OperatingPoint(2000, 300));
        Assert.False(fp.Fits);
        Assert.Equal(68_976_648_192 * 2.0, fp.WeightBytes);
        Assert.Equal(16 * 1073741824.0 * 0.98, fp.UsableBytes);
        Assert.True(fp.TotalBytes > fp.UsableBytes);
        Assert.Equal(0, fp.MaxBatch);
    }

    [Fact]
    public void Llama_2_7b_f16_fits_an_A100_40GB_and_max_batch_fills_the_rest_with_kv_cache()
    {
        var engine = EngineProfiles.LlamaCppGpu;
        var fp = MemoryEstimator.Estimate(ShapeCatalog.Get("llama-2-7b"), WeightFormats.Get("f16"), Support.Catalog.Get("a100-40gb"), engine, new OperatingPoint(2000, 300));
        Assert.True(fp.Fits);
        var free = 40 * 1073741824.0 * 0.98 - 6_738_415_616 * 2.0 - engine.RuntimeMemoryGb * 1073741824.0 - fp.ActivationBytes;
        Assert.Equal((int)Math.Floor(free / (2300 * 524_288.0)), fp.MaxBatch);
        Assert.Equal(23, fp.MaxBatch);
    }

    [Fact]
    public void Apple_unified_memory_counts_only_the_share_macOS_lets_the_GPU_wire()
    {
        var m2 = Support.Catalog.Get("apple-m2");
        var fp = MemoryEstimator.Estimate(ShapeCatalog.Get("llama-2-7b"), WeightFormats.Get("f16"), m2, EngineProfiles.LlamaCppCpu, new OperatingPoint(1000, 100));
        Assert.Equal(24 * 1073741824.0 * 0.75, fp.UsableBytes);
        Assert.True(fp.Fits);
        var big = MemoryEstimator.Estimate(ShapeCatalog.Get("llama-2-13b"), WeightFormats.Get("f16"), m2, EngineProfiles.LlamaCppCpu, new OperatingPoint(1000, 100));
        Assert.False(big.Fits);
        Assert.True(big.WeightBytes > big.UsableBytes);
    }
}
