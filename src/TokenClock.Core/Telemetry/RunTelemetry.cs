using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;

namespace TokenClock.Core.Telemetry;

/// <summary>
/// Emits a stored request as OpenTelemetry GenAI metrics and one client span, with the BCL's <see cref="Meter"/> and
/// <see cref="ActivitySource"/> (an exporter subscribes at the edge). Everything comes from the finished record, so
/// the exported numbers are the stored ones: duration ends at the last token as in docs/metrics.md, time to first
/// chunk is TTFT, time per output chunk is each gap between visible chunks, and the span carries the record's own
/// send and end instants rather than the time of export.
/// </summary>
public sealed class RunTelemetry : IDisposable
{
    /// <summary>The name of the <see cref="Meter"/> the metrics are emitted on (for an exporter to subscribe to).</summary>
    public const string MeterName = "TokenClock.Run";
    /// <summary>The name of the <see cref="ActivitySource"/> the spans are emitted on.</summary>
    public const string ActivitySourceName = "TokenClock.Run";

    private static readonly ActivitySource Source = new(ActivitySourceName);
    private readonly Meter _meter;
    private readonly GenAiInstruments _instruments;

    /// <summary>Creates the meter through <paramref name="meterFactory"/>, or a new <see cref="Meter"/> when it is null.</summary>
    public RunTelemetry(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _instruments = new GenAiInstruments(_meter);
    }

    /// <summary>The semantic conventions' provider name for a backend kind; other kinds keep their own name.</summary>
    public static string ProviderName(string backendKind) => backendKind switch
    {
        "openai" => "openai",
        "azure-openai" => "azure.ai.openai",
        "anthropic" => "anthropic",
        _ => backendKind,
    };

    /// <summary>Emits one stored request: its GenAI metrics and one client span timed by the record's own instants.</summary>
    /// <param name="record">The request as stored.</param>
    /// <param name="runStartedUtc">The wall-clock instant of the run's zero (the record's times are ns after it).</param>
    /// <param name="backend">The options the record's backend was created from, for provider and server attributes.</param>
    public void Record(RequestRecord record, DateTimeOffset runStartedUtc, BackendOptions? backend)
    {
        ArgumentNullException.ThrowIfNull(record);
        var tags = new TagList
        {
            { "gen_ai.operation.name", "chat" },
            { "gen_ai.provider.name", backend is null ? "unknown" : ProviderName(backend.Kind) },
            { "gen_ai.request.model", record.Model },
            { "tokenclock.series", record.Backend },
            { "tokenclock.phase", record.Phase == RequestPhase.Measured ? "measured" : "warmup" },
        };
        if (record.ResponseModel is { } responseModel) tags.Add("gen_ai.response.model", responseModel);
        if (Server(backend) is { } server)
        {
            tags.Add("server.address", server.Host);
            tags.Add("server.port", server.Port);
        }
        string? errorType = record.Succeeded ? null : JsonNamingPolicy.SnakeCaseLower.ConvertName(record.Error.ToString());
        if (errorType is not null) tags.Add("error.type", errorType);

        var endNs = record.Succeeded ? record.LastTokenNs ?? record.EndNs : record.EndNs ?? record.LastTokenNs;
        if (endNs is { } end) _instruments.OperationDuration.Record(Seconds(end - record.SentNs), tags);
        if (record.FirstTokenNs is { } first) _instruments.TimeToFirstChunk.Record(Seconds(first - record.SentNs), tags);

        long? previous = null;
        foreach (var chunk in record.Chunks)
        {
            if (chunk.Reasoning || chunk.Chars == 0) continue;
            if (previous is { } p) _instruments.TimePerOutputChunk.Record(Seconds(chunk.TimeNs - p), tags);
            previous = chunk.TimeNs;
        }

        var input = record.ServerInputTokens ?? record.LocalInputTokens;
        var output = record.ServerOutputTokens ?? (record.Succeeded ? record.LocalOutputTokens : null);
        if (record.Succeeded)
        {
            if (input is { } i)
            {
                var inTags = tags;
                inTags.Add("gen_ai.token.type", "input");
                _instruments.TokenUsage.Record(i, inTags);
            }
            if (output is { } o)
            {
                var outTags = tags;
                outTags.Add("gen_ai.token.type", "output");
                _instruments.TokenUsage.Record(o, outTags);
            }
        }

        Span(record, runStartedUtc, endNs, tags, input, output, errorType);
    }

    private static void Span(RequestRecord record, DateTimeOffset started, long? endNs, TagList tags, int? input, int? output, string? errorType)
    {
        if (!Source.HasListeners()) return;
        var start = started.AddTicks(record.SentNs / 100);
        using var activity = Source.StartActivity($"chat {record.Model}", ActivityKind.Client, parentContext: default, tags, startTime: start);
        if (activity is null) return;
        if (input is { } i) activity.SetTag("gen_ai.usage.input_tokens", i);
        if (output is { } o) activity.SetTag("gen_ai.usage.output_tokens", o);
        if (record.FinishReason is { } finish) activity.SetTag("gen_ai.response.finish_reasons", new[] { finish });
        if (record.FirstTokenNs is { } first) activity.AddEvent(new ActivityEvent("gen_ai.first_chunk", started.AddTicks(first / 100)));
        if (errorType is not null) activity.SetStatus(ActivityStatusCode.Error, errorType);
        activity.SetEndTime(started.AddTicks((endNs ?? record.SentNs) / 100).UtcDateTime);
    }

    private static (string Host, int Port)? Server(BackendOptions? backend) =>
        backend?.BaseUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? (uri.Host, uri.Port) : null;

    private static double Seconds(long ns) => ns / 1e9;

    /// <summary>Disposes the meter, ending its instruments.</summary>
    public void Dispose() => _meter.Dispose();
}
