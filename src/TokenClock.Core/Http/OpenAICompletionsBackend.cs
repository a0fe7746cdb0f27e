using System.Net.Http;
using TokenClock.Core.Backends;
using TokenClock.Core.Http.Wire;

namespace TokenClock.Core.Http;

/// <summary>
/// OpenAI Completions (<c>/v1/completions</c>) streaming client: the prompt is sent as one text, so the server
/// applies no chat template.
/// </summary>
/// <param name="descriptor">The backend's identity; its <see cref="BackendDescriptor.Model"/> is the model sent.</param>
/// <param name="endpoint">The completions URI, auth header and limits.</param>
/// <param name="sendEngineExtensions">Send <c>min_tokens</c>/<c>ignore_eos</c> (vLLM, llama.cpp).</param>
/// <param name="client">The HttpClient to send with; null uses <see cref="HttpBackendClient.Shared"/>.</param>
/// <param name="time">The clock that timestamps bytes as they are read; null uses <see cref="TimeProvider.System"/>.</param>
public sealed class OpenAICompletionsBackend(BackendDescriptor descriptor, HttpBackendEndpoint endpoint, bool sendEngineExtensions = true,
    HttpClient? client = null, TimeProvider? time = null)
    : SseBackend(descriptor, d => new SseExchange<OpenAIStreamChunk>(Required(endpoint),
        new OpenAICompletionsProtocol(d.Model, sendEngineExtensions, endpoint?.ExtraBody), client, time));
