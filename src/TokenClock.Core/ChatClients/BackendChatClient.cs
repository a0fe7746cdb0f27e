using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using TokenClock.Core.Backends;

namespace TokenClock.Core.ChatClients;

/// <summary>
/// Exposes a TokenClock <see cref="IBackend"/> (our byte-timed HTTP clients, the simulator, a local engine) as an
/// <see cref="IChatClient"/>, so middleware such as routing, or the LLM judge, can use it. System messages become
/// the system prompt; the other messages are joined into one prompt (a backend request has one user turn). A failed
/// stream becomes a <see cref="BackendException"/> carrying the status code and Retry-After. Records nothing:
/// measurement wraps the backend, not this adapter. The counterpart is <see cref="ChatClientBackend"/>.
/// </summary>
public sealed class BackendChatClient : IChatClient
{
    private readonly IBackend _backend;
    private readonly bool _ownsBackend;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Wraps <paramref name="backend"/> as a chat client.</summary>
    /// <param name="backend">The backend every call streams from.</param>
    /// <param name="ownsBackend">Dispose the backend when this client is disposed.</param>
    /// <param name="providerUri">The provider URI reported in <see cref="ChatClientMetadata"/>; null when unknown.</param>
    public BackendChatClient(IBackend backend, bool ownsBackend = false, Uri? providerUri = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        _backend = backend;
        _ownsBackend = ownsBackend;
        _metadata = new ChatClientMetadata(backend.Descriptor.Kind, providerUri, backend.Descriptor.Model);
    }

    /// <summary>Output budget used when a request sets no <see cref="ChatOptions.MaxOutputTokens"/>.</summary>
    public int DefaultMaxOutputTokens { get; init; } = 256;

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = ToRequest(messages, options);
        string? model = null;
        await foreach (var e in _backend.StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            switch (e)
            {
                case ResponseModelReported m:
                    model = m.Model;
                    break;
                case FirstByteReceived:
                    // Like the provider SDKs: the first event surfaces as a role-only update, before any text.
                    yield return new ChatResponseUpdate(ChatRole.Assistant, (string?)null) { ModelId = model };
                    break;
                case ChunkReceived c when c.Text.Length > 0:
                    yield return new ChatResponseUpdate(ChatRole.Assistant, c.Text) { ModelId = model };
                    break;
                case UsageReported u:
                    yield return new ChatResponseUpdate
                    {
                        Role = ChatRole.Assistant,
                        ModelId = model,
                        Contents = [new UsageContent(new UsageDetails { InputTokenCount = u.Usage.InputTokens, OutputTokenCount = u.Usage.OutputTokens })],
                    };
                    break;
                case StreamEnded end when end.FinishReason is not null:
                    yield return new ChatResponseUpdate { Role = ChatRole.Assistant, ModelId = model, FinishReason = new ChatFinishReason(end.FinishReason) };
                    break;
                case StreamFailed f:
                    throw new BackendException(f.Class, $"Backend {_backend.Descriptor.Name} failed: {f.Message}", f.StatusCode) { RetryAfter = f.RetryAfter };
            }
        }
    }

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType.IsInstanceOfType(_backend) ? _backend
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsBackend) _backend.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private BackendRequest ToRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var turns = list.Where(m => m.Role != ChatRole.System).ToList();
        if (turns.Count == 0) throw new ArgumentException("At least one non-system message is required (the prompt).", nameof(messages));
        var system = string.Join("\n", list.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
        var max = options?.MaxOutputTokens ?? DefaultMaxOutputTokens;
        if (max < 1) throw new ArgumentOutOfRangeException(nameof(options), max, "MaxOutputTokens must be >= 1.");
        return new BackendRequest
        {
            Prompt = turns.Count == 1 ? turns[0].Text : string.Join("\n\n", turns.Select(t => t.Text)),
            SystemPrompt = system.Length == 0 ? null : system,
            MaxTokens = max,
            Temperature = options?.Temperature,
            Seed = options?.Seed is { } s ? unchecked((int)s) : null,
        };
    }
}
