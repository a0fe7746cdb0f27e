using TokenClock.Core.Backends;
using TokenClock.Core.Http.Wire;

namespace TokenClock.Core.Http;

/// <summary>
/// Per-request Anthropic stream state: message_start (model, input usage), content_block_delta (text_delta as
/// text, thinking_delta as reasoning), message_delta (output usage, stop_reason), message_stop (end), error.
/// ping and block start/stop carry no output; they only count as first byte.
/// </summary>
internal sealed class AnthropicTranslator : ISseTranslator<AnthropicEvent>
{
    private string? _stopReason;

    public bool Translate(long timestamp, AnthropicEvent item, List<BackendEvent> output)
    {
        switch (item.Type)
        {
            case "message_start" when item.Message is { } m:
                if (!string.IsNullOrEmpty(m.Model)) output.Add(new ResponseModelReported(timestamp, m.Model));
                if (m.Usage?.InputTokens is { } input) output.Add(new UsageReported(timestamp, new TokenUsage(input, null)));
                return false;
            case "content_block_start" when item.ContentBlock is { } block:
                AddText(timestamp, block, output);
                return false;
            case "content_block_delta" when item.Delta is { } delta:
                AddText(timestamp, delta, output);
                return false;
            case "message_delta":
                if (item.Delta?.StopReason is { } stop) _stopReason = stop;
                if (item.Usage is { } u) output.Add(new UsageReported(timestamp, new TokenUsage(u.InputTokens, u.OutputTokens)));
                return false;
            case "message_stop":
                output.Add(new StreamEnded(timestamp, _stopReason));
                return true;
            case "error":
                var type = item.Error?.Type ?? "error";
                var cls = type == "rate_limit_error" ? ErrorClass.RateLimited : ErrorClass.ProviderError;
                output.Add(new StreamFailed(timestamp, cls, $"provider error event ({type}): {ServerText.Clean(item.Error?.Message ?? "no message")}"));
                return true;
            default:
                return false;
        }
    }

    public StreamFailed EndedEarly(long timestamp) =>
        new(timestamp, ErrorClass.Disconnect, "the stream ended without message_stop (connection closed mid-stream)");

    private static void AddText(long timestamp, AnthropicBlock block, List<BackendEvent> output)
    {
        if (!string.IsNullOrEmpty(block.Text)) output.Add(new ChunkReceived(timestamp, block.Text));
        else if (!string.IsNullOrEmpty(block.Thinking)) output.Add(new ChunkReceived(timestamp, string.Empty, block.Thinking));
    }
}
