using System.Diagnostics;
using System.Globalization;
using TokenClock.Core.Tokens;
using TokenClock.Workloads.Benchmarking;
using TokenClock.Workloads.Chunking;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Benchmarks.Summarization;

/// <summary>
/// <c>dotnet run -c Release --project bench/TokenClock.Benchmarks -- summarize-inproc [k]</c>: the summarization
/// macro benchmark against an in-process paced backend, plus a stopwatch chunking-throughput run.
/// (Against a real server or the simulator: <c>tokenclock summarize bench</c>.)
/// </summary>
internal static class SummarizationMacro
{
    public static async Task<int> RunAsync(string[] args)
    {
        var k = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4;
        ChunkingThroughput(TiktokenTokenCounter.ForEncoding("o200k_base"));
        ChunkingThroughput(ApproximateTokenCounter.Instance);

        await using var backend = new InProcessPacedBackend(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(10), outputTokens: 40);
        var result = await SummarizationBenchmark.RunAsync(backend, TiktokenTokenCounter.ForEncoding("o200k_base"),
            new SummarizationBenchmarkOptions { Chunks = k, ChunkTokens = 400, Repeat = 5 });
        Console.Write(result.Describe());
        return 0;
    }

    private static void ChunkingThroughput(ITokenCounter tokens)
    {
        var text = BenchmarkText.Paragraphs(1500); // ~150k tokens
        var total = tokens.CountTokens(text);
        var chunker = new TokenChunker(tokens, new ChunkingOptions(1000, 100));
        chunker.Split(text); // warm-up (JIT, tokenizer caches)
        var runs = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var sw = Stopwatch.StartNew();
            var chunks = chunker.Split(text);
            sw.Stop();
            runs.Add(total / sw.Elapsed.TotalSeconds);
            if (chunks.Count == 0) throw new InvalidOperationException("no chunks");
        }
        runs.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chunking {tokens.Name}: {total} tokens, budget 1000, overlap 100: median {runs[2] / 1e6:0.00} M tokens/s (min {runs[0] / 1e6:0.00}, max {runs[4] / 1e6:0.00})"));
    }
}
