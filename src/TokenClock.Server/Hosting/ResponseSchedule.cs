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
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("protocol")] public required string Protocol { get; init; }
    [JsonPropertyName("model")] public string? Model { get; init; }
    /// <summary>The request's seed, if it sent one (lets clients that cannot read response headers find their schedule).</summary>
    [JsonPropertyName("seed")] public int? Seed { get; init; }
    [JsonPropertyName("arrival_timestamp")] public long ArrivalTimestamp { get; init; }
    [JsonPropertyName("timestamp_frequency")] public long TimestampFrequency { get; init; }
    [JsonPropertyName("fault")] public string Fault { get; init; } = "none";
    [JsonPropertyName("status")] public int Status { get; init; }
    [JsonPropertyName("queue_ms")] public double QueueMs { get; init; }
    /// <summary>First SSE event of any kind (role-only chunk, message_start).</summary>
    [JsonPropertyName("first_event_ms")] public double? FirstEventMs { get; init; }
    /// <summary>First chunk with non-empty output text: the true TTFT.</summary>
    [JsonPropertyName("first_token_ms")] public double? FirstTokenMs { get; init; }
    [JsonPropertyName("end_ms")] public double? EndMs { get; init; }
    [JsonPropertyName("output_tokens")] public int OutputTokens { get; init; }
    [JsonPropertyName("completed")] public bool Completed { get; init; }
    [JsonPropertyName("chunks")] public IReadOnlyList<ScheduledChunk> Chunks { get; init; } = [];

    /// <summary>True TPOT: (end of last content chunk − first token) / (tokens − 1), as metrics.md defines it.</summary>
    [JsonIgnore]
    public double? TpotMs => OutputTokens >= 2 && FirstTokenMs is { } f && Chunks.Count > 0
        ? (Chunks[^1].TimeMs - f) / (OutputTokens - 1)
        : null;
}
