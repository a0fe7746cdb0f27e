using BenchmarkDotNet.Attributes;
using TokenClock.Core.Tokens;
using TokenClock.Workloads.Benchmarking;
using TokenClock.Workloads.Chunking;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Benchmarks.Summarization;

/// <summary>Chunking a ~100k-token document (divide the document's tokens by the mean for tokens/s).</summary>
[MemoryDiagnoser]
public class ChunkingBenchmarks
{
    private string _text = "";
    private TokenChunker _chunker = null!;

    [Params("o200k_base", "approx")]
    public string Tokenizer { get; set; } = "o200k_base";

    [GlobalSetup]
    public void Setup()
    {
        ITokenCounter tokens = Tokenizer == "approx" ? ApproximateTokenCounter.Instance : TiktokenTokenCounter.ForEncoding(Tokenizer);
        _text = BenchmarkText.Paragraphs(1000);
        _chunker = new TokenChunker(tokens, new ChunkingOptions(1000, 100));
    }

    [Benchmark]
    public int Split() => _chunker.Split(_text).Count;
}
