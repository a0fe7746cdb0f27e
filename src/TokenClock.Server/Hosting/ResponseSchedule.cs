using System.Text.Json.Serialization;

namespace TokenClock.Server.Hosting;

/// <summary>
/// The true schedule the server followed for one response (served at <c>GET /tokenclock/schedule/{id}</c>).
/// Times are milliseconds after the request arrived (before its body was parsed), taken just before each event's
/// bytes were handed to Kestrel. <see cref="ArrivalTimestamp"/> is a raw <see cref="System.Diagnostics.Stopwatch"/>
/// timestamp: on one machine it shares the client's monotonic clock, so instants can be compared directly.
/// </summary>
public sealed record ResponseSchedule
{
    /// <summary>The response id, also sent in the x-tokenclock-schedule-id response header.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }
    /// <summary>The wire protocol the request came in on: "openai" or "anthropic".</summary>
    [JsonPropertyName("protocol")] public required string Protocol { get; init; }
    /// <summary>The model the request named, else the backend's model.</summary>
    [JsonPropertyName("model")] public string? Model { get; init; }
    /// <summary>The request's seed, if it sent one (lets clients that cannot read response headers find their schedule).</summary>
    [JsonPropertyName("seed")] public int? Seed { get; init; }
    /// <summary>Raw <see cref="System.Diagnostics.Stopwatch"/> ticks when the request arrived; every <c>_ms</c> field counts from here.</summary>
    [JsonPropertyName("arrival_timestamp")] public long ArrivalTimestamp { get; init; }
    /// <summary>Ticks per second of <see cref="ArrivalTimestamp"/>.</summary>
    [JsonPropertyName("timestamp_frequency")] public long TimestampFrequency { get; init; }
    /// <summary>The fault injected into this response, by its <see cref="Simulation.FaultNames"/> name; "none" when none.</summary>
    [JsonPropertyName("fault")] public string Fault { get; init; } = "none";
    /// <summary>The HTTP status code sent (200 for a stream, even one cut later).</summary>
    [JsonPropertyName("status")] public int Status { get; init; }
    /// <summary>Time waiting for a free slot (the concurrency limit), in ms after arrival; 0 when not queued.</summary>
    [JsonPropertyName("queue_ms")] public double QueueMs { get; init; }
    /// <summary>First SSE event of any kind (role-only chunk, message_start).</summary>
    [JsonPropertyName("first_event_ms")] public double? FirstEventMs { get; init; }
    /// <summary>First chunk with non-empty output text: the true TTFT.</summary>
    [JsonPropertyName("first_token_ms")] public double? FirstTokenMs { get; init; }
    /// <summary>When the response ended (last event written), or when its schedule was taken if it never ended.</summary>
    [JsonPropertyName("end_ms")] public double? EndMs { get; init; }
    /// <summary>Content tokens written (reasoning tokens excluded).</summary>
    [JsonPropertyName("output_tokens")] public int OutputTokens { get; init; }
    /// <summary>True when the response was written to its end; false for errors, faults and cut streams.</summary>
    [JsonPropertyName("completed")] public bool Completed { get; init; }
    /// <summary>Every chunk written, in order.</summary>
    [JsonPropertyName("chunks")] public IReadOnlyList<ScheduledChunk> Chunks { get; init; } = [];

    /// <summary>True TPOT: (end of last content chunk − first token) / (tokens − 1), as metrics.md defines it.</summary>
    [JsonIgnore]
    public double? TpotMs => OutputTokens >= 2 && FirstTokenMs is { } f && Chunks.Count > 0
        ? (Chunks[^1].TimeMs - f) / (OutputTokens - 1)
        : null;
}
