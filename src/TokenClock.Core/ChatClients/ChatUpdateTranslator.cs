using Microsoft.Extensions.AI;
using TokenClock.Core.Backends;

namespace TokenClock.Core.ChatClients;

/// <summary>Per-request translation of <see cref="ChatResponseUpdate"/>s into backend events.</summary>
internal sealed class ChatUpdateTranslator
{
    private bool _first = true;
    private bool _modelReported;

    public string? FinishReason { get; private set; }

    public IEnumerable<BackendEvent> Translate(long ts, ChatResponseUpdate update)
    {
        if (_first)
        {
            _first = false;
            yield return new FirstByteReceived(ts);
        }
        if (!_modelReported && !string.IsNullOrEmpty(update.ModelId))
        {
            _modelReported = true;
            yield return new ResponseModelReported(ts, update.ModelId);
        }
        string? text = null, reasoning = null;
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case TextContent { Text.Length: > 0 } tc:
                    text = text is null ? tc.Text : text + tc.Text;
                    break;
                case TextReasoningContent { Text.Length: > 0 } rc:
                    reasoning = reasoning is null ? rc.Text : reasoning + rc.Text;
                    break;
                case UsageContent u:
                    yield return new UsageReported(ts, new TokenUsage(
                        ToInt(u.Details.InputTokenCount), ToInt(u.Details.OutputTokenCount), ToInt(u.Details.ReasoningTokenCount)));
                    break;
            }
        }
        if (text is not null || reasoning is not null)
            yield return new ChunkReceived(ts, text ?? string.Empty, reasoning);
        if (update.FinishReason is { } finish) FinishReason = finish.Value;
    }

    private static int? ToInt(long? value) => value is { } v ? (int)Math.Min(v, int.MaxValue) : null;
}
