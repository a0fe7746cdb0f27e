using System.Diagnostics;
using System.Globalization;
using TokenClock.Core.Tokens;
using TokenClock.Workloads.Benchmarking;
using TokenClock.Workloads.Chunking;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Benchmarks.Summarization;

/// <summary>
/// <c>chunk-balance</c>: balanced vs fill-to-budget chunking on the same documents: chunk sizes (smallest/largest)
/// and process CPU time per split (median of 5, after a warm-up), so the cost of balancing is visible.
/// </summary>
internal static class ChunkBalance
{
    public static int Run()
    {
        var o200k = TiktokenTokenCounter.ForEncoding("o200k_base");
        // The reported case: a ~9.3k-token document under a ~7.3k budget.
        Report(o200k, BenchmarkText.Paragraphs(128), 7_300, 128);
        Report(o200k, BenchmarkText.Paragraphs(1500), 1_000, 100);
        Report(ApproximateTokenCounter.Instance, BenchmarkText.Paragraphs(1500), 1_000, 100);
        return 0;
    }

    private static void Report(ITokenCounter tokens, string text, int budget, int overlap)
    {
        var total = tokens.CountTokens(text);
        foreach (var balance in new[] { false, true })
        {
            var chunker = new TokenChunker(tokens, new ChunkingOptions(budget, overlap) { Balance = balance });
            var chunks = chunker.Split(text); // warm-up (JIT, tokenizer caches)
            var cpu = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                chunker.Split(text);
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds);
            }
            cpu.Sort();
            var sizes = chunks.Select(c => c.Tokens).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{tokens.Name,-12} doc {total,7} tokens, budget {budget}, overlap {overlap}, {(balance ? "balanced" : "filled  ")}: " +
                $"{sizes.Length,4} chunks, smallest {sizes.Min(),5}, largest {sizes.Max(),5} (ratio {(double)sizes.Min() / sizes.Max():0.000}), " +
                $"CPU median {cpu[2]:0.0} ms (min {cpu[0]:0.0}, max {cpu[4]:0.0})"));
        }
    }
}
