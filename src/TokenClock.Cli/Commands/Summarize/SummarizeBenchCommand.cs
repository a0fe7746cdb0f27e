using TokenClock.Core.Numerics;
using System.Text.Json;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Core.Backends;
using TokenClock.Workloads.Benchmarking;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Cli.Commands.Summarize;

/// <summary>
/// <c>tokenclock summarize bench</c>: the summarization macro benchmark (docs/benchmarks.md) against any backend:
/// pipeline overhead, refine vs map-reduce total time, map stage parallel vs sequential.
/// </summary>
public sealed class SummarizeBenchCommand(CliConsoles consoles, BackendRegistry registry) : AsyncCommand<SummarizeBenchSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SummarizeBenchSettings settings, CancellationToken cancellationToken)
    {
        var options = new BackendOptions { Kind = settings.Backend!, Model = settings.Model!, BaseUrl = settings.BaseUrl, ApiKeyEnv = settings.ApiKeyEnv };
        var problems = registry.Validate(options);
        if (problems.Count > 0) throw new UsageException(string.Join("; ", problems));
        var tokens = TokenizerResolver.Default.Resolve(settings.Model!, settings.Tokenizer);

        await using var backend = registry.Create(options);
        SummarizationBenchmarkResult result;
        await using (var beat = ProgressHeartbeat.Start(consoles.ErrorWriter, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"summarize bench: 4 configurations × {settings.Repeat + 1} jobs (1 warm-up) against {options.DisplayName}, {settings.Chunks} chunks")))
        {
            result = await SummarizationBenchmark.RunAsync(backend, tokens, new SummarizationBenchmarkOptions
            {
                Chunks = settings.Chunks, ChunkTokens = settings.ChunkTokens, Repeat = settings.Repeat, SummaryWords = settings.SummaryWords,
            }, cancellationToken, beat.AsProgress());
        }

        var text = result.Describe();
        if (settings.Json)
        {
            consoles.ErrorWriter.Write(text);
            consoles.OutWriter.WriteLine(JsonSerializer.Serialize(new
            {
                backend = result.Backend,
                chunks = result.Chunks,
                repeat = result.Repeat,
                pipeline_overhead_ms = new { p50 = Quantiles.Median(result.PipelineOverheadMs), max = result.PipelineOverheadMs.Max(), samples = result.PipelineOverheadMs },
                refine_total_ms = result.RefineTotalMs,
                map_reduce_total_ms = result.MapReduceTotalMs,
                total_speedup = result.TotalSpeedup,
                map_stage_parallel_ms = result.MapStageParallelMs,
                map_stage_sequential_ms = result.MapStageSequentialMs,
                map_stage_speedup = result.MapStageSpeedup,
                refine_first_visible_ms = result.RefineFirstVisibleMs,
                map_reduce_first_visible_ms = result.MapReduceFirstVisibleMs,
            }));
        }
        else
        {
            consoles.OutWriter.Write(text);
        }
        return ExitCodes.Ok;
    }
}
