using System.Diagnostics;
using System.Diagnostics.Metrics;
using TokenClock.Core.Telemetry;

namespace TokenClock.Routing.Telemetry;

/// <summary>
/// Instruments named after the OpenTelemetry GenAI semantic conventions (docs/metrics.md), emitted with the BCL's
/// <see cref="Meter"/> and <see cref="ActivitySource"/>: no OpenTelemetry SDK here, an application (or the CLI's
/// telemetry edge) subscribes to <see cref="MeterName"/> and <see cref="ActivitySourceName"/>.
/// </summary>
public sealed class GenAiTelemetry : IDisposable
{
    /// <summary>Name of the default meter.</summary>
    public const string MeterName = "TokenClock.Routing";
    /// <summary>Name of the activity source routed calls are traced on.</summary>
    public const string ActivitySourceName = "TokenClock.Routing";

    /// <summary>Bucket boundaries the conventions recommend for durations (seconds).</summary>
    public static IReadOnlyList<double> DurationBuckets => GenAiInstruments.DurationBuckets;
    /// <summary>Bucket boundaries for time per output chunk (seconds).</summary>
    public static IReadOnlyList<double> ChunkBuckets => GenAiInstruments.ChunkBuckets;
    /// <summary>Bucket boundaries for token counts.</summary>
    public static IReadOnlyList<long> TokenBuckets => GenAiInstruments.TokenBuckets;

    private readonly Meter _meter;

    /// <param name="meterFactory">The application's meter factory (dependency injection), if any.</param>
    /// <param name="meterName">Another meter name, to keep one router's metrics apart from others in the process.</param>
    public GenAiTelemetry(IMeterFactory? meterFactory = null, string meterName = MeterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(meterName);
        _meter = meterFactory?.Create(meterName) ?? new Meter(meterName);
        var genAi = new GenAiInstruments(_meter);
        OperationDuration = genAi.OperationDuration;
        TokenUsage = genAi.TokenUsage;
        TimeToFirstChunk = genAi.TimeToFirstChunk;
        TimePerOutputChunk = genAi.TimePerOutputChunk;
        Routed = _meter.CreateCounter<long>("tokenclock.routing.requests", "{request}", "Requests routed, by chosen backend and reason.");
        Hedges = _meter.CreateCounter<long>("tokenclock.routing.hedges", "{request}", "Extra requests sent by first-token hedging.");
    }

    /// <summary>The activity source, one per process.</summary>
    public static ActivitySource ActivitySource { get; } = new(ActivitySourceName);

    /// <summary>This instance's meter name.</summary>
    public string Name => _meter.Name;

    /// <summary><c>gen_ai.client.operation.duration</c>: whole call, seconds.</summary>
    public Histogram<double> OperationDuration { get; }
    /// <summary><c>gen_ai.client.token.usage</c>: input and output tokens per call.</summary>
    public Histogram<long> TokenUsage { get; }
    /// <summary><c>gen_ai.client.operation.time_to_first_chunk</c>: seconds to the first streamed chunk.</summary>
    public Histogram<double> TimeToFirstChunk { get; }
    /// <summary><c>gen_ai.client.operation.time_per_output_chunk</c>: seconds between consecutive chunks.</summary>
    public Histogram<double> TimePerOutputChunk { get; }
    /// <summary><c>tokenclock.routing.requests</c>: requests routed, by chosen backend and reason.</summary>
    public Counter<long> Routed { get; }
    /// <summary><c>tokenclock.routing.hedges</c>: extra requests sent by first-token hedging.</summary>
    public Counter<long> Hedges { get; }

    /// <summary>Disposes the meter (its instruments stop publishing).</summary>
    public void Dispose() => _meter.Dispose();
}
