using TokenClock.Workloads.Benchmarking;
using TokenClock.Workloads.Tests.TestSupport;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Workloads.Tests.Benchmarking;

public sealed class SummarizationBenchmarkTests
{
    [Fact]
    public async Task Harness_measures_every_configuration_against_a_real_paced_backend()
    {
        var backend = new PacedBackend((_, _) => "a short partial summary of the part")
        {
            Ttft = TimeSpan.FromMilliseconds(100), TokenGap = TimeSpan.FromMilliseconds(5),
        };

        var result = await SummarizationBenchmark.RunAsync(backend, TiktokenTokenCounter.ForEncoding("o200k_base"),
            new SummarizationBenchmarkOptions { Chunks = 3, ChunkTokens = 200, Repeat = 3 });

        Assert.Equal(3, result.Chunks);
        Assert.Equal(3, result.PipelineOverheadMs.Count);
        Assert.All(result.PipelineOverheadMs, ms => Assert.InRange(ms, 0, 250));
        // Three map calls of ~130 ms: sequential takes about three times as long as parallel. Medians of three jobs,
        // so one stall of a loaded CI machine cannot flip the comparison.
        Assert.True(result.MapStageSpeedup > 1.5, $"map stage speedup only {result.MapStageSpeedup:0.00}");
        Assert.True(result.RefineTotalMs > result.MapReduceTotalMs);
        Assert.Contains("pipeline overhead", result.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Benchmark_document_has_exactly_k_chunks()
    {
        var chunker = new Workloads.Chunking.TokenChunker(TiktokenTokenCounter.ForEncoding("o200k_base"), new Workloads.Chunking.ChunkingOptions(300));
        Assert.Equal(5, chunker.Split(BenchmarkText.WithChunks(5, t => chunker.Split(t))).Count);
    }
}
