using TokenClock.Core.Backends;

namespace TokenClock.Server.Protocol;

/// <summary>Writes one streamed response in one provider's SSE dialect, flushing after every event.</summary>
internal interface IChatStreamWriter
{
    /// <summary>Preamble events (OpenAI role-only chunk; Anthropic message_start, content_block_start, ping).</summary>
    ValueTask StartAsync(int inputTokens, CancellationToken cancellationToken);

    ValueTask ChunkAsync(ChunkReceived chunk, CancellationToken cancellationToken);

    ValueTask FinishAsync(StreamSummary summary, CancellationToken cancellationToken);

    /// <summary>A provider error event inside the stream (the backend failed mid-response).</summary>
    ValueTask ErrorEventAsync(string message, CancellationToken cancellationToken);

    /// <summary>An event whose data is not valid JSON (fault injection).</summary>
    ValueTask MalformedAsync(CancellationToken cancellationToken);
}
