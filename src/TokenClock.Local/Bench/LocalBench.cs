using TokenClock.Core.Numerics;
using System.Diagnostics;
using System.Text;
using TokenClock.Core.Backends;
using TokenClock.Local.Engine;
using TokenClock.Local.Twins;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Local.Bench;

/// <summary>
/// The local-model macro benchmark: for a shape cut to several depths and formats, synthesize (or reuse
/// from the cache) each twin, load it, run a warm-up, then measured requests with a fixed prompt length and
/// exact output length. Per-layer cost comes from the difference between depths.
/// </summary>
public static class LocalBench
{
    /// <summary>What the benchmark measures.</summary>
    public sealed record Options
    {
        /// <summary>The catalog shape the twins are cut from.</summary>
        public string Shape { get; init; } = "llama-2-7b";
        /// <summary>Depths (transformer layers) to measure; two or more give a per-layer cost.</summary>
        public IReadOnlyList<int> Layers { get; init; } = [2, 4];
        /// <summary>Number formats to measure, each at every depth.</summary>
        public IReadOnlyList<TwinFormat> Formats { get; init; } = [TwinFormat.F16, TwinFormat.Q8_0, TwinFormat.Q4_0];
        /// <summary>Prompt length of every request, in tokens.</summary>
        public int PromptTokens { get; init; } = 512;
        /// <summary>Output length of every request, in tokens (generated exactly).</summary>
        public int OutputTokens { get; init; } = 32;
        /// <summary>Measured requests per twin, after one warm-up.</summary>
        public int Requests { get; init; } = 2;
        /// <summary>Generation threads; default: all cores.</summary>
        public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount);
        /// <summary>Keep the twins this run synthesized (by default they are removed after measuring: gigabytes each).</summary>
        public bool KeepTwins { get; init; }
    }

    /// <summary>One row per twin (format × depth), in the order measured; <paramref name="progress"/> gets a line per step.</summary>
    public static async Task<IReadOnlyList<LocalBenchRow>> RunAsync(Options options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseShape = ShapeCatalog.Get(options.Shape);
        var rows = new List<LocalBenchRow>();
        foreach (var format in options.Formats)
        {
            foreach (var layers in options.Layers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var shape = baseShape.WithLayers(layers);
                var spec = new TwinSpec(shape, format, TwinSpec.DefaultVocabulary(shape));
                var existed = File.Exists(LocalModelCache.PathFor(spec));
                var path = LocalModelCache.EnsureTwin(spec, progress, cancellationToken);
                try
                {
                    progress?.Report($"measuring {spec.FileName}");
                    rows.Add(await MeasureAsync(path, spec, options, cancellationToken).ConfigureAwait(false));
                }
                finally
                {
                    // A bench of a 7B shape makes several GB of twins: what this run made, it removes (unless asked).
                    if (!existed && !options.KeepTwins && File.Exists(path))
                    {
                        File.Delete(path);
                        progress?.Report($"removed {spec.FileName} (made for this bench; keep_twins keeps it)");
                    }
                }
            }
        }
        return rows;
    }

    /// <summary>Per-layer decode cost per format from the shallowest and deepest rows.</summary>
    public static IReadOnlyList<LocalBenchLayerCost> LayerCosts(IReadOnlyList<LocalBenchRow> rows, double readGbps) =>
        rows.GroupBy(r => r.Format)
            .Where(g => g.Select(r => r.Layers).Distinct().Count() >= 2)
            .Select(g =>
            {
                var lo = g.MinBy(r => r.Layers)!;
                var hi = g.MaxBy(r => r.Layers)!;
                var perLayer = (hi.DecodeMsPerToken - lo.DecodeMsPerToken) / (hi.Layers - lo.Layers);
                var floor = hi.BytesPerLayer / (readGbps * 1e9) * 1000;
                return new LocalBenchLayerCost(g.Key, perLayer, floor, hi.BytesPerLayer);
            })
            .ToArray();

    private static async Task<LocalBenchRow> MeasureAsync(string path, TwinSpec spec, Options options, CancellationToken ct)
    {
        var settings = new LocalModelSettings { Threads = options.Threads, Context = options.PromptTokens + options.OutputTokens + 64 };
        var backend = new LocalBackend(new BackendDescriptor(spec.FileName, "local", spec.FileName, path), path, settings);
        await using var _ = backend.ConfigureAwait(false);
        var engine = await backend.LoadAsync(ct).ConfigureAwait(false);
        // " the" is one GPT-2 token, so the prompt is BOS + (n − 1) tokens.
        var prompt = new StringBuilder("the");
        for (var i = 2; i < options.PromptTokens; i++) prompt.Append(" the");
        await RunOnceAsync(backend, new BackendRequest { Prompt = "warm up", MaxTokens = 4, IgnoreEos = true }, ct).ConfigureAwait(false);

        var samples = new List<(double Ttft, double Decode, double EngineDecode, double EnginePrompt, int PromptTokens)>();
        for (var r = 0; r < options.Requests; r++)
            samples.Add(await RunOnceAsync(backend, new BackendRequest { Prompt = prompt.ToString(), MaxTokens = options.OutputTokens, IgnoreEos = true }, ct).ConfigureAwait(false));

        return new LocalBenchRow(
            spec.Shape.Name, spec.Shape.Layers, TwinFormats.Name(spec.Format), engine.Info.Bytes, engine.Info.BytesPerLayer, engine.LoadMs,
            samples[0].PromptTokens,
            Quantiles.Median(samples.Select(s => s.Ttft)),
            options.OutputTokens,
            Quantiles.Median(samples.Select(s => s.Decode)),
            Quantiles.Median(samples.Select(s => s.EngineDecode)),
            Quantiles.Median(samples.Select(s => s.EnginePrompt)));
    }

    private static async Task<(double Ttft, double Decode, double EngineDecode, double EnginePrompt, int PromptTokens)> RunOnceAsync(LocalBackend backend, BackendRequest request, CancellationToken ct)
    {
        long sent = 0, first = 0, last = 0;
        var tokens = 0;
        ServerTimings? timings = null;
        await foreach (var e in backend.StreamAsync(request, ct).ConfigureAwait(false))
        {
            switch (e)
            {
                case RequestSent s: sent = s.Timestamp; break;
                case ChunkReceived c:
                    if (first == 0) first = c.Timestamp;
                    last = c.Timestamp;
                    tokens += c.Tokens ?? 1;
                    break;
                case ServerTimingsReported t: timings = t.Timings; break;
            }
        }
        var ms = 1000.0 / Stopwatch.Frequency;
        var decode = tokens > 1 ? (last - first) * ms / (tokens - 1) : double.NaN;
        var engineDecode = tokens > 1 && timings?.PredictedMs is { } p ? p / (tokens - 1) : double.NaN;
        return ((first - sent) * ms, decode, engineDecode, timings?.PromptMs ?? double.NaN, timings?.PromptTokens ?? 0);
    }
}
