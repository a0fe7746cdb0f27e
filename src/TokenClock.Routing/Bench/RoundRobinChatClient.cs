using Microsoft.Extensions.AI;

namespace TokenClock.Routing.Bench;

/// <summary>The baseline a router must beat: backends in turn, blind to latency.</summary>
internal sealed class RoundRobinChatClient(IReadOnlyList<IChatClient> clients) : IChatClient
{
    private int _next = -1;

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Pick().GetStreamingResponseAsync(messages, options, cancellationToken);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Pick().GetResponseAsync(messages, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private IChatClient Pick() => clients[(int)((uint)Interlocked.Increment(ref _next) % (uint)clients.Count)];
}
