using System.Diagnostics.Metrics;

namespace TokenClock.Core.Telemetry;

/// <summary>
/// The four client instruments of the OpenTelemetry GenAI semantic conventions (docs/metrics.md), with the bucket
/// boundaries the conventions advise, created on a caller's <see cref="Meter"/>. The router and <c>run</c> both
/// emit through these, so a dashboard built for one reads the other.
/// </summary>
public sealed class GenAiInstruments
{
    /// <summary>Bucket boundaries the conventions recommend for durations (seconds).</summary>
    public static readonly IReadOnlyList<double> DurationBuckets =
        [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
    /// <summary>Bucket boundaries for time per output chunk (seconds).</summary>
    public static readonly IReadOnlyList<double> ChunkBuckets =
        [0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0, 2.5];
    /// <summary>Bucket boundaries for token counts.</summary>
    public static readonly IReadOnlyList<long> TokenBuckets =
        [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576];

    /// <summary>Creates the four instruments on <paramref name="meter"/>.</summary>
    public GenAiInstruments(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        OperationDuration = meter.CreateHistogram("gen_ai.client.operation.duration", "s", "GenAI operation duration.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        TokenUsage = meter.CreateHistogram("gen_ai.client.token.usage", "{token}", "Number of input and output tokens used.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = TokenBuckets });
        TimeToFirstChunk = meter.CreateHistogram("gen_ai.client.operation.time_to_first_chunk", "s", "Time to receive the first chunk of a streamed response.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        TimePerOutputChunk = meter.CreateHistogram("gen_ai.client.operation.time_per_output_chunk", "s", "Time between consecutive chunks of a streamed response.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ChunkBuckets });
    }

    /// <summary><c>gen_ai.client.operation.duration</c>, in seconds.</summary>
    public Histogram<double> OperationDuration { get; }
    /// <summary><c>gen_ai.client.token.usage</c>, in tokens (input and output recorded separately).</summary>
    public Histogram<long> TokenUsage { get; }
    /// <summary><c>gen_ai.client.operation.time_to_first_chunk</c>, in seconds.</summary>
    public Histogram<double> TimeToFirstChunk { get; }
    /// <summary><c>gen_ai.client.operation.time_per_output_chunk</c>, in seconds: each gap between consecutive chunks.</summary>
    public Histogram<double> TimePerOutputChunk { get; }
}
