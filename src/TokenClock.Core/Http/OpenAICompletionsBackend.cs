using System.Net.Http;
using TokenClock.Core.Backends;
using TokenClock.Core.Http.Wire;

namespace TokenClock.Core.Http;

/// <summary>
/// OpenAI Completions (<c>/v1/completions</c>) streaming client: the prompt is sent as one text, so the server
/// applies no chat template. Timestamps each SSE event where its bytes were read, as the chat client does.
/// </summary>
public sealed class OpenAICompletionsBackend : IBackend, IPreparableBackend
{
    private readonly SseExchange<OpenAIChunk> _exchange;

    /// <param name="sendEngineExtensions">Send <c>min_tokens</c>/<c>ignore_eos</c> (vLLM, llama.cpp).</param>
    public OpenAICompletionsBackend(BackendDescriptor descriptor, HttpBackendEndpoint endpoint, bool sendEngineExtensions = true,
        HttpClient? client = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(endpoint);
        Descriptor = descriptor;
        _exchange = new SseExchange<OpenAIChunk>(endpoint, new OpenAICompletionsProtocol(descriptor.Model, sendEngineExtensions), client, time);
    }

    public BackendDescriptor Descriptor { get; }

    public HttpBackendEndpoint Endpoint => _exchange.Endpoint;

    public IAsyncEnumerable<BackendEvent> StreamAsync(BackendRequest request, CancellationToken cancellationToken = default) =>
        _exchange.StreamAsync(request, cancellationToken);

    public ValueTask PrepareAsync(int connections, CancellationToken cancellationToken) =>
        _exchange.PrepareAsync(connections, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public override string ToString() => $"{Descriptor.Name} ({Endpoint})";
}
