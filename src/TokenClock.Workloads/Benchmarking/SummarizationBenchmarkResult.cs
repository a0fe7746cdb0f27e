using TokenClock.Core.Numerics;
using System.Globalization;
using System.Text;

namespace TokenClock.Workloads.Benchmarking;

/// <summary>Measured figures of the summarization macro benchmark (medians over the repeats, in ms).</summary>
public sealed record SummarizationBenchmarkResult
{
    /// <summary>The backend's name.</summary>
    public required string Backend { get; init; }
    /// <summary>k: chunks of the refine/map-reduce document.</summary>
    public required int Chunks { get; init; }
    /// <summary>Measured jobs per configuration.</summary>
    public required int Repeat { get; init; }
    /// <summary>first_visible − backend TTFT of one-call jobs, one sample per job.</summary>
    public required IReadOnlyList<double> PipelineOverheadMs { get; init; }
    /// <summary>Wall time of a refine job on the k-chunk document.</summary>
    public required double RefineTotalMs { get; init; }
    /// <summary>Wall time of a map-reduce job (parallel = k) on the same document.</summary>
    public required double MapReduceTotalMs { get; init; }
    /// <summary>Map stage wall time with parallel = k.</summary>
    public required double MapStageParallelMs { get; init; }
    /// <summary>Map stage wall time of the same k calls with parallel = 1.</summary>
    public required double MapStageSequentialMs { get; init; }
    /// <summary>Time to the first visible summary text of a refine job.</summary>
    public required double RefineFirstVisibleMs { get; init; }
    /// <summary>Time to the first visible summary text of a map-reduce job.</summary>
    public required double MapReduceFirstVisibleMs { get; init; }

    /// <summary>Refine total over map-reduce total (above 1: map-reduce is faster).</summary>
    public double TotalSpeedup => RefineTotalMs / MapReduceTotalMs;
    /// <summary>Sequential map stage over parallel map stage (k is the ideal).</summary>
    public double MapStageSpeedup => MapStageSequentialMs / MapStageParallelMs;

    /// <summary>The figures as a few lines of text, with their targets.</summary>
    public string Describe()
    {
        var o = PipelineOverheadMs.Order().ToArray();
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"backend: {Backend}; k = {Chunks} chunks; {Repeat} measured jobs per configuration (medians)");
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"pipeline overhead (first_visible - TTFT, stuff): median {Quantiles.Median(o):0.00} ms, max {o.LastOrDefault():0.00} ms (target <= 20 ms)");
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"refine total {RefineTotalMs:0} ms (first_visible {RefineFirstVisibleMs:0} ms); map-reduce total {MapReduceTotalMs:0} ms (first_visible {MapReduceFirstVisibleMs:0} ms)");
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"total speedup refine/map-reduce: {TotalSpeedup:0.00}x (k/2 = {Chunks / 2.0:0.0} is the ideal: map-reduce still makes two serial calls)");
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"map stage: parallel {MapStageParallelMs:0} ms vs sequential {MapStageSequentialMs:0} ms -> speedup {MapStageSpeedup:0.00}x (target >= 0.8k = {0.8 * Chunks:0.0})");
        return sb.ToString();
    }
}
