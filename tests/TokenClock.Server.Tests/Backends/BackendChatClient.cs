using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using TokenClock.Core.Backends;

namespace TokenClock.Server.Tests.Backends;

/// <summary>
/// A real <see cref="IChatClient"/> for tests: speaks HTTP to the simulator through a TokenClock backend and
/// surfaces its events as chat updates (role-only first update included), so the adapter and middleware are
/// exercised over a real network stream.
/// </summary>
internal sealed class BackendChatClient(IBackend backend) : IChatClient
{
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new BackendRequest
        {
            Prompt = string.Join("\n", messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text)),
            MaxTokens = options?.MaxOutputTokens ?? 16,
            Seed = (int?)options?.Seed,
            IgnoreEos = true,
        };
        await foreach (var e in backend.StreamAsync(request, cancellationToken))
        {
            switch (e)
            {
                case FirstByteReceived:
                    yield return new ChatResponseUpdate(ChatRole.Assistant, (string?)null);
                    break;
                case ChunkReceived c:
                    yield return new ChatResponseUpdate(ChatRole.Assistant, c.Text);
                    break;
                case UsageReported u:
                    yield return new ChatResponseUpdate { Contents = [new UsageContent(new UsageDetails { InputTokenCount = u.Usage.InputTokens, OutputTokenCount = u.Usage.OutputTokens })] };
                    break;
                case StreamEnded end:
                    yield return new ChatResponseUpdate { FinishReason = end.FinishReason == "length" ? ChatFinishReason.Length : ChatFinishReason.Stop };
                    break;
                case StreamFailed f:
                    throw new BackendException(f.Class, f.Message, f.StatusCode);
            }
        }
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }
}
