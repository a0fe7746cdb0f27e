using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TokenClock.Routing.Telemetry;

/// <summary>
/// Instruments named after the OpenTelemetry GenAI semantic conventions (docs/metrics.md), emitted with the BCL's
/// <see cref="Meter"/> and <see cref="ActivitySource"/>: no OpenTelemetry SDK here, an application (or the CLI's
/// telemetry edge) subscribes to <see cref="MeterName"/> and <see cref="ActivitySourceName"/>.
/// </summary>
public sealed class GenAiTelemetry : IDisposable
{
    public const string MeterName = "TokenClock.Routing";
    public const string ActivitySourceName = "TokenClock.Routing";

    /// <summary>Bucket boundaries the conventions recommend for durations (seconds).</summary>
    public static readonly IReadOnlyList<double> DurationBuckets =
        [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
    /// <summary>Bucket boundaries for time per output chunk (seconds).</summary>
    public static readonly IReadOnlyList<double> ChunkBuckets =
        [0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0, 2.5];
    /// <summary>Bucket boundaries for token counts.</summary>
    public static readonly IReadOnlyList<long> TokenBuckets =
        [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576];

    private readonly Meter _meter;

    /// <param name="meterFactory">The application's meter factory (dependency injection), if any.</param>
    /// <param name="meterName">Another meter name, to keep one router's metrics apart from others in the process.</param>
    public GenAiTelemetry(IMeterFactory? meterFactory = null, string meterName = MeterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(meterName);
        _meter = meterFactory?.Create(meterName) ?? new Meter(meterName);
        OperationDuration = _meter.CreateHistogram("gen_ai.client.operation.duration", "s", "GenAI operation duration.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        TokenUsage = _meter.CreateHistogram("gen_ai.client.token.usage", "{token}", "Number of input and output tokens used.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = TokenBuckets });
        TimeToFirstChunk = _meter.CreateHistogram("gen_ai.client.operation.time_to_first_chunk", "s", "Time to receive the first chunk of a streamed response.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        TimePerOutputChunk = _meter.CreateHistogram("gen_ai.client.operation.time_per_output_chunk", "s", "Time between consecutive chunks of a streamed response.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ChunkBuckets });
        Routed = _meter.CreateCounter<long>("tokenclock.routing.requests", "{request}", "Requests routed, by chosen backend and reason.");
        Hedges = _meter.CreateCounter<long>("tokenclock.routing.hedges", "{request}", "Extra requests sent by first-token hedging.");
    }

    public static ActivitySource ActivitySource { get; } = new(ActivitySourceName);

    public string Name => _meter.Name;

    public Histogram<double> OperationDuration { get; }
    public Histogram<long> TokenUsage { get; }
    public Histogram<double> TimeToFirstChunk { get; }
    public Histogram<double> TimePerOutputChunk { get; }
    public Counter<long> Routed { get; }
    public Counter<long> Hedges { get; }

    public void Dispose() => _meter.Dispose();
}
