using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using TokenClock.Core.Backends;

namespace TokenClock.Workloads.Quality;

/// <summary>
/// Lets any TokenClock backend serve as an <see cref="IChatClient"/> (e.g. the LLM judge). System messages become
/// the system prompt, the rest are joined into one prompt. Not for measurement: nothing here is recorded.
/// </summary>
public sealed class BackendChatClient(IBackend backend) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            text.Append(update.Text);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text.ToString())) { ModelId = backend.Descriptor.Model };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var system = string.Join("\n", list.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
        var request = new BackendRequest
        {
            Prompt = string.Join("\n\n", list.Where(m => m.Role != ChatRole.System).Select(m => m.Text)),
            SystemPrompt = system.Length == 0 ? null : system,
            MaxTokens = options?.MaxOutputTokens ?? 256,
            Temperature = options?.Temperature,
            Seed = options?.Seed is { } seed ? (int)seed : null,
        };
        await foreach (var e in backend.StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            switch (e)
            {
                case ChunkReceived { Text.Length: > 0 } c:
                    yield return new ChatResponseUpdate(ChatRole.Assistant, c.Text);
                    break;
                case StreamFailed f:
                    throw new BackendException(f.Class, $"Judge backend {backend.Descriptor.Name} failed: {f.Message}", f.StatusCode);
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }
}
