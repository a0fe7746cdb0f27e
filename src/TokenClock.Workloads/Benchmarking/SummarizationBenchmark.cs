using TokenClock.Core.Numerics;
using TokenClock.Core.Backends;
using TokenClock.Core.Timing;
using TokenClock.Core.Tokens;
using TokenClock.Workloads.Summarization;
using TokenClock.Core.Settings;

namespace TokenClock.Workloads.Benchmarking;

/// <summary>
/// Macro benchmark of the summarizer against any backend (the simulator for reproducible numbers):
/// pipeline overhead of one-call jobs (first_visible − TTFT), refine vs map-reduce total time on a k-chunk
/// document, and the map stage with parallel = k vs parallel = 1. Jobs run one after another; each
/// configuration gets one unmeasured warm-up job.
/// </summary>
public static class SummarizationBenchmark
{
    /// <summary>Runs every configuration against <paramref name="backend"/>, counting tokens with <paramref name="tokens"/>;
    /// <paramref name="progress"/> gets a line per configuration.</summary>
    public static async Task<SummarizationBenchmarkResult> RunAsync(
        IBackend backend, ITokenCounter tokens, SummarizationBenchmarkOptions options, CancellationToken cancellationToken = default,
        IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(options);
        var recorder = new RequestRecorder(new RunClock(), tokens);
        var k = options.Chunks;
        SummarizerOptions Opts(SummaryStrategy s, int parallel = 1) => new()
        {
            Strategy = s, SummaryWords = options.SummaryWords, ContextTokens = options.ContextTokens,
            ChunkTokens = options.ChunkTokens, OverlapTokens = 0, Parallelism = parallel,
        };

        // The refine budget is the smallest (it carries the previous summary), so size the document with it
        // and check that every strategy cuts it into the same k chunks.
        var refine = new Summarizer(backend, recorder, Opts(SummaryStrategy.Refine));
        var mapParallel = new Summarizer(backend, recorder, Opts(SummaryStrategy.MapReduce, k));
        var mapSequential = new Summarizer(backend, recorder, Opts(SummaryStrategy.MapReduce, 1));
        var stuff = new Summarizer(backend, recorder, Opts(SummaryStrategy.Stuff));
        var document = BenchmarkText.WithChunks(k, t => refine.Chunk(t));
        if (mapParallel.Chunk(document).Count != k)
            throw new SettingStateException("chunk_tokens", n => $"refine and map-reduce split the benchmark document differently; lower {n("chunk_tokens")}.");
        var shortDoc = BenchmarkText.Paragraphs(1);

        var stage = 0;
        async Task<List<SummaryResult>> Jobs(Summarizer s, string text, string name)
        {
            stage++;
            var results = new List<SummaryResult>();
            for (var i = 0; i <= options.Repeat; i++)
            {
                progress?.Report($"stage {stage}/4 {name}, job {i + 1}/{options.Repeat + 1}{(i == 0 ? " (warm-up)" : "")}");
                var r = await s.SummarizeAsync("bench", text, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!r.Succeeded) throw new InvalidOperationException($"benchmark job failed: {r.Job.Error}");
                if (i > 0) results.Add(r); // i == 0 is the warm-up
            }
            return results;
        }

        var stuffJobs = await Jobs(stuff, shortDoc, "one-call jobs (pipeline overhead)").ConfigureAwait(false);
        var refineJobs = await Jobs(refine, document, $"refine over {k} chunks").ConfigureAwait(false);
        var mapJobs = await Jobs(mapParallel, document, $"map-reduce, {k} calls in parallel").ConfigureAwait(false);
        var seqJobs = await Jobs(mapSequential, document, "map-reduce, one call at a time").ConfigureAwait(false);

        static double M(IEnumerable<SummaryResult> jobs, string key) =>
            Quantiles.Median(jobs.Select(j => j.Job.Metrics[key]));

        return new SummarizationBenchmarkResult
        {
            Backend = backend.Descriptor.Name,
            Chunks = k,
            Repeat = options.Repeat,
            PipelineOverheadMs = stuffJobs.Select(j => j.Job.Metrics["pipeline_overhead_ms"]).ToArray(),
            RefineTotalMs = M(refineJobs, "total_ms"),
            MapReduceTotalMs = M(mapJobs, "total_ms"),
            MapStageParallelMs = M(mapJobs, "map_stage_ms"),
            MapStageSequentialMs = M(seqJobs, "map_stage_ms"),
            RefineFirstVisibleMs = M(refineJobs, "first_visible_ms"),
            MapReduceFirstVisibleMs = M(mapJobs, "first_visible_ms"),
        };
    }
}
