using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TokenClock.Core.ServerMetrics;
using TokenClock.Core.Tokens;
using TokenClock.Local.Twins;
using TokenClock.Workloads.Generators;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Benchmarks.Tokenizers;

/// <summary>
/// Exact tokenizers side by side on the same 50,257-token GPT-2 vocabulary: Microsoft.ML.Tokenizers' tiktoken
/// GPT-2, the same vocabulary as a Hugging Face tokenizer.json (Rust tokenizers via Tokenizers.DotNet), and as a
/// GGUF's tokens+merges rebuilt by <see cref="GgufVocabularyTokenCounter"/>. Prints load time, counting
/// throughput per CPU-second on a text, whether the three agree, and the cost of a 512-token synthetic prompt;
/// then the Prometheus parser's cost per scrape of a vLLM-sized exposition. Usage: tokenizers [text-file]
/// </summary>
internal static class TokenizerThroughput
{
    public static int Run(string[] args)
    {
        var text = args.Length > 0 ? File.ReadAllText(args[0]) : DefaultText();
        var dir = Directory.CreateTempSubdirectory("tc-bench-tok-").FullName;
        try
        {
            var vocab = TwinVocabulary.Gpt2(50257);
            var json = WriteTokenizerJson(dir, vocab);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"text: {text.Length} chars; vocabulary: {vocab.Tokens.Count} tokens, {vocab.Merges.Count} merges"));

            var counters = new List<(string Name, ITokenCounter Counter)>();
            counters.Add(Load("tiktoken gpt2 (Microsoft.ML.Tokenizers)", () => TiktokenTokenCounter.ForEncoding("gpt2")));
            counters.Add(Load("tokenizer.json (Tokenizers.DotNet, Rust)", () => HuggingFaceTokenCounter.Load(json)));
            counters.Add(Load("GGUF tokens+merges (ML.NET BPE)", () => GgufVocabularyTokenCounter.Create("gpt2-twin.gguf", "gpt2", "gpt-2", vocab.Tokens, vocab.Merges)));

            var counts = new List<int>();
            foreach (var (name, counter) in counters)
            {
                counter.CountTokens(text[..Math.Min(2000, text.Length)]); // warm caches and JIT
                var (count, cpu, wall, reps) = Measure(() => counter.CountTokens(text));
                counts.Add(count);
                var (prompt, pCpu, _, pReps) = Measure(() => SyntheticPrompt.Build(counter, 512, variant: 7).Length, minSeconds: 1);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: {count} tokens; {count * reps / cpu:0} tokens per CPU-second ({count * reps / wall:0}/s wall, {reps} passes); 512-token synthetic prompt: {pCpu / pReps * 1000:0.0} ms CPU each ({prompt} chars)"));
            }
            Console.WriteLine(counts.Distinct().Count() == 1 ? "agreement: all three counts equal" : "agreement: COUNTS DIFFER: " + string.Join(", ", counts));

            var exposition = VllmSizedExposition(300);
            var (samples, eCpu, _, eReps) = Measure(() => PrometheusTextParser.Parse(exposition).Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"prometheus parse: {samples} samples ({exposition.Length} bytes) in {eCpu / eReps * 1e6:0} us CPU per scrape"));
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (string, ITokenCounter) Load(string name, Func<ITokenCounter> load)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var counter = load();
        counter.CountTokens("warm up");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load {name}: {sw.Elapsed.TotalMilliseconds:0} ms wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:0} ms CPU"));
        return (name, counter);
    }

    private static (int Result, double CpuSeconds, double WallSeconds, int Reps) Measure(Func<int> work, double minSeconds = 2)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var result = 0;
        var reps = 0;
        do { result = work(); reps++; } while (sw.Elapsed.TotalSeconds < minSeconds);
        return (result, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, sw.Elapsed.TotalSeconds, reps);
    }

    private static string DefaultText()
    {
        // The bundled corpus' documents, as the summarize workload would send them.
        var root = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "TokenClock.Workloads", "Corpus", "Documents");
        var sb = new StringBuilder();
        foreach (var f in Directory.EnumerateFiles(Path.GetFullPath(root), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)) sb.Append(File.ReadAllText(f)).Append('\n');
        return sb.ToString();
    }

    private static string WriteTokenizerJson(string dir, TwinVocabulary vocab)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < vocab.Tokens.Count; i++) ids.TryAdd(vocab.Tokens[i], i);
        var byteLevel = new Dictionary<string, object?> { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = true, ["use_regex"] = true };
        var doc = new Dictionary<string, object?>
        {
            ["version"] = "1.0", ["truncation"] = null, ["padding"] = null, ["added_tokens"] = Array.Empty<object>(), ["normalizer"] = null,
            ["pre_tokenizer"] = byteLevel, ["post_processor"] = null, ["decoder"] = byteLevel,
            ["model"] = new Dictionary<string, object?>
            {
                ["type"] = "BPE", ["dropout"] = null, ["unk_token"] = null, ["continuing_subword_prefix"] = null, ["end_of_word_suffix"] = null,
                ["fuse_unk"] = false, ["byte_fallback"] = false, ["vocab"] = ids, ["merges"] = vocab.Merges,
            },
        };
        var path = Path.Combine(dir, "tokenizer.json");
        File.WriteAllText(path, JsonSerializer.Serialize(doc), new UTF8Encoding(false));
        return path;
    }

    private static string VllmSizedExposition(int series)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < series; i++)
        {
            var name = "vllm:metric_" + i.ToString(CultureInfo.InvariantCulture);
            sb.Append("# HELP ").Append(name).Append(" A metric.\n# TYPE ").Append(name).Append(i % 3 == 0 ? " counter\n" : " gauge\n")
              .Append(name).Append("{model_name=\"meta-llama/Llama-3.1-8B-Instruct\",engine=\"0\"} ").Append((i * 1.5).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return sb.ToString();
    }
}
