using System.Net;
using System.Net.Http;
using TokenClock.Core.Backends;
using TokenClock.Core.Http;

namespace TokenClock.Fuzz.Targets;

/// <summary>
/// A streamed response body through the real client path: HttpClient, <c>SseParser</c>, the protocol's item
/// parser and translator. The first byte picks OpenAI (even) or Anthropic (odd); the rest is the body. Whatever
/// the bytes, the stream must not throw and must end with exactly one terminal event, last.
/// </summary>
internal sealed class SseTarget : IFuzzTarget
{
    private readonly BodyHandler _handler = new();
    private readonly IBackend _openAI;
    private readonly IBackend _anthropic;
    private static readonly BackendRequest Request = new() { Prompt = "hi", MaxTokens = 8 };

    public SseTarget()
    {
        var client = new HttpClient(_handler);
        _openAI = new OpenAIChatBackend(
            new BackendDescriptor("fuzz", "openai-compatible", "m"),
            new HttpBackendEndpoint(new Uri("http://127.0.0.1:9/v1/chat/completions"), TimeSpan.FromSeconds(30)),
            client: client);
        _anthropic = new AnthropicBackend(
            new BackendDescriptor("fuzz", "anthropic", "m"),
            new HttpBackendEndpoint(new Uri("http://127.0.0.1:9/v1/messages"), TimeSpan.FromSeconds(30)),
            client);
    }

    public string Name => "sse";

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty) return;
        _handler.Body = input[1..].ToArray();
        var backend = (input[0] & 1) == 0 ? _openAI : _anthropic;
        var events = Collect(backend).GetAwaiter().GetResult();
        Check(events);
    }

    private static async Task<List<BackendEvent>> Collect(IBackend backend)
    {
        var events = new List<BackendEvent>();
        await foreach (var e in backend.StreamAsync(Request).ConfigureAwait(false)) events.Add(e);
        return events;
    }

    private static void Check(List<BackendEvent> events)
    {
        if (events.Count < 3 || events[0] is not RequestSent || events[1] is not HeadersReceived)
            throw new FuzzInvariantException($"the stream did not start with RequestSent, HeadersReceived: {string.Join(", ", events.Select(e => e.GetType().Name))}");
        var terminals = events.Count(e => e is StreamEnded or StreamFailed);
        if (terminals != 1 || events[^1] is not (StreamEnded or StreamFailed))
            throw new FuzzInvariantException($"{terminals} terminal events, last {events[^1].GetType().Name}; exactly one, last, was expected");
        foreach (var e in events)
        {
            if (e is UsageReported { Usage: var u } && (u.InputTokens < 0 || u.OutputTokens < 0))
                throw new FuzzInvariantException($"negative token usage accepted: {u}");
            if (e is StreamFailed { Message: null or "" })
                throw new FuzzInvariantException("a failure without a message");
        }
    }

    /// <summary>Answers every request with 200 text/event-stream and the current body.</summary>
    private sealed class BodyHandler : HttpMessageHandler
    {
        public byte[] Body { get; set; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(Body);
            content.Headers.ContentType = new("text/event-stream");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
