using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using TokenClock.Core.Backends;

namespace TokenClock.Core.ChatClients;

/// <summary>
/// Measures any <see cref="IChatClient"/>. The client hides the wire, so events are timestamped when each
/// streaming update is handed over (after the client's own parsing): TTFT includes that client's overhead.
/// Updates without text (role-only, usage-only) are not chunks; the first update of any kind is first byte.
/// Client exceptions propagate; <see cref="Timing.RequestRecorder"/> classifies them.
/// </summary>
public sealed class ChatClientBackend : IBackend
{
    private readonly IChatClient _client;
    private readonly TimeProvider _time;
    private readonly bool _disposeClient;

    /// <summary>Measures <paramref name="client"/> under the identity <paramref name="descriptor"/>.</summary>
    /// <param name="client">The chat client each request streams through.</param>
    /// <param name="descriptor">The name, kind and model stored with records; its model is sent as <see cref="ChatOptions.ModelId"/>.</param>
    /// <param name="time">The clock that timestamps updates; null uses <see cref="TimeProvider.System"/>.</param>
    /// <param name="disposeClient">Dispose the client when this backend is disposed.</param>
    public ChatClientBackend(IChatClient client, BackendDescriptor descriptor, TimeProvider? time = null, bool disposeClient = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(descriptor);
        _client = client;
        Descriptor = descriptor;
        _time = time ?? TimeProvider.System;
        _disposeClient = disposeClient;
    }

    /// <inheritdoc/>
    public BackendDescriptor Descriptor { get; }

    /// <inheritdoc/>
    public async IAsyncEnumerable<BackendEvent> StreamAsync(BackendRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var messages = new List<ChatMessage>(2);
        if (request.SystemPrompt is { } system) messages.Add(new ChatMessage(ChatRole.System, system));
        foreach (var turn in request.History)
            messages.Add(new ChatMessage(turn.Role == ChatTurnRole.User ? ChatRole.User : ChatRole.Assistant, turn.Text));
        messages.Add(new ChatMessage(ChatRole.User, request.Prompt));
        var options = new ChatOptions
        {
            ModelId = Descriptor.Model,
            MaxOutputTokens = request.MaxTokens,
            Temperature = request.Temperature is { } t ? (float)t : null,
            Seed = request.Seed,
        };

        var state = new ChatUpdateTranslator();
        yield return new RequestSent(_time.GetTimestamp());
        await foreach (var update in _client.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            var ts = _time.GetTimestamp();
            foreach (var e in state.Translate(ts, update)) yield return e;
        }
        yield return new StreamEnded(_time.GetTimestamp(), state.FinishReason);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        if (_disposeClient) _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
