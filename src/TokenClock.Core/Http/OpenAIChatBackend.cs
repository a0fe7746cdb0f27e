using System.Net.Http;
using TokenClock.Core.Backends;
using TokenClock.Core.Http.Wire;

namespace TokenClock.Core.Http;

/// <summary>
/// OpenAI Chat Completions streaming client for any base URL (OpenAI, Azure OpenAI, vLLM, llama.cpp server,
/// Ollama /v1, TGI, LM Studio). Timestamps each SSE event where its bytes were read.
/// </summary>
public sealed class OpenAIChatBackend : IBackend, IPreparableBackend
{
    private readonly SseExchange<OpenAIChunk> _exchange;

    /// <param name="useMaxCompletionTokens">Send <c>max_completion_tokens</c> (OpenAI's current name) instead of <c>max_tokens</c>.</param>
    /// <param name="sendEngineExtensions">Send <c>min_tokens</c>/<c>ignore_eos</c> (vLLM, llama.cpp); hosted APIs reject them.</param>
    public OpenAIChatBackend(
        BackendDescriptor descriptor,
        HttpBackendEndpoint endpoint,
        bool useMaxCompletionTokens = false,
        bool sendEngineExtensions = true,
        HttpClient? client = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(endpoint);
        Descriptor = descriptor;
        var protocol = new OpenAIChatProtocol(descriptor.Model, useMaxCompletionTokens, sendEngineExtensions);
        _exchange = new SseExchange<OpenAIChunk>(endpoint, protocol, client, time);
    }

    public BackendDescriptor Descriptor { get; }

    public HttpBackendEndpoint Endpoint => _exchange.Endpoint;

    public IAsyncEnumerable<BackendEvent> StreamAsync(BackendRequest request, CancellationToken cancellationToken = default) =>
        _exchange.StreamAsync(request, cancellationToken);

    public ValueTask PrepareAsync(int connections, CancellationToken cancellationToken) =>
        _exchange.PrepareAsync(connections, cancellationToken);

    // The shared HttpClient outlives backends; nothing per-backend to release.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public override string ToString() => $"{Descriptor.Name} ({Endpoint})";
}
