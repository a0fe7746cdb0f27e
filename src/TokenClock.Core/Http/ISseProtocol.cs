using System.Net.Http;
using TokenClock.Core.Backends;

namespace TokenClock.Core.Http;

/// <summary>One provider's wire format: request body, SSE item parsing, and per-request translation to events.</summary>
internal interface ISseProtocol<TItem>
{
    HttpContent CreateContent(BackendRequest request);

    /// <summary>Parses one SSE event's data; throws <see cref="System.Text.Json.JsonException"/> when malformed.</summary>
    TItem ParseItem(string eventType, ReadOnlySpan<byte> data);

    ISseTranslator<TItem> CreateTranslator(BackendRequest request);

    /// <summary>A short, valid response stream of this protocol, replayed in memory to compile the code path before a run.</summary>
    string SampleStream { get; }
}
