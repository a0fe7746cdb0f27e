using System.Net.Http;
using TokenClock.Core.Backends;
using TokenClock.Core.Http.Wire;

namespace TokenClock.Core.Http;

/// <summary>Anthropic Messages streaming client.</summary>
public sealed class AnthropicBackend(BackendDescriptor descriptor, HttpBackendEndpoint endpoint, HttpClient? client = null, TimeProvider? time = null)
    : SseBackend(descriptor, d => new SseExchange<AnthropicEvent>(Required(endpoint), new AnthropicProtocol(d.Model, endpoint?.ExtraBody), client, time));
