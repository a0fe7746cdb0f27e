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
    public const string MeterName = "TokenClock.Routing";
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
