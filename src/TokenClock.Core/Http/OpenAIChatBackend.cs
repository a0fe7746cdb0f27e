using System.Net.Http;
using TokenClock.Core.Backends;
using TokenClock.Core.Http.Wire;

namespace TokenClock.Core.Http;

/// <summary>
/// OpenAI Chat Completions streaming client for any base URL (OpenAI, Azure OpenAI, vLLM, llama.cpp server,
/// Ollama /v1, TGI, LM Studio).
/// </summary>
/// <param name="descriptor">The backend's identity; its <see cref="BackendDescriptor.Model"/> is the model sent.</param>
/// <param name="endpoint">The chat completions URI, auth header and limits.</param>
/// <param name="useMaxCompletionTokens">Send <c>max_completion_tokens</c> (OpenAI's current name) instead of <c>max_tokens</c>.</param>
/// <param name="sendEngineExtensions">Send <c>min_tokens</c>/<c>ignore_eos</c> (vLLM, llama.cpp); hosted APIs reject them.</param>
/// <param name="client">The HttpClient to send with; null uses <see cref="HttpBackendClient.Shared"/>.</param>
/// <param name="time">The clock that timestamps bytes as they are read; null uses <see cref="TimeProvider.System"/>.</param>
public sealed class OpenAIChatBackend(
    BackendDescriptor descriptor,
    HttpBackendEndpoint endpoint,
    bool useMaxCompletionTokens = false,
    bool sendEngineExtensions = true,
    HttpClient? client = null,
    TimeProvider? time = null)
    : SseBackend(descriptor, d => new SseExchange<OpenAIStreamChunk>(Required(endpoint),
        new OpenAIChatProtocol(d.Model, useMaxCompletionTokens, sendEngineExtensions, endpoint?.ExtraBody), client, time));
