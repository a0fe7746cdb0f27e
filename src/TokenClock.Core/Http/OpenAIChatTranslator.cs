using TokenClock.Core.Backends;
using TokenClock.Core.Http.Wire;

namespace TokenClock.Core.Http;

/// <summary>
/// Per-request OpenAI stream state, for chat (text in <c>delta</c>) and completions (text in <c>text</c>) streams.
/// A chunk whose delta has no text (role-only first chunk, empty keep-alive
/// deltas) produces no <see cref="ChunkReceived"/>: it only counts as first byte.
/// </summary>
internal sealed class OpenAIChatTranslator : ISseTranslator<OpenAIStreamChunk>
{
    private bool _modelReported;
    private string? _finishReason;

    public bool Translate(long timestamp, OpenAIStreamChunk item, List<BackendEvent> output)
    {
        if (item.IsDone)
        {
            output.Add(new StreamEnded(timestamp, _finishReason));
            return true;
        }
        if (item.Error is { } error)
        {
            output.Add(ProviderFailure(timestamp, error));
            return true;
        }
        if (!_modelReported && !string.IsNullOrEmpty(item.Model))
        {
            _modelReported = true;
            output.Add(new ResponseModelReported(timestamp, item.Model));
        }
        if (item.HasChoice)
        {
            // Only the first choice is measured (n=1 is what TokenClock sends).
            if (item.Text is { Length: > 0 } text) output.Add(new ChunkReceived(timestamp, text, null)); // completions stream
            else
            {
                var reasoning = string.IsNullOrEmpty(item.ReasoningContent) ? item.Reasoning : item.ReasoningContent;
                if (!string.IsNullOrEmpty(item.Content) || !string.IsNullOrEmpty(reasoning))
                    output.Add(new ChunkReceived(timestamp, item.Content ?? string.Empty, string.IsNullOrEmpty(reasoning) ? null : reasoning));
            }
            if (item.FinishReason is { Length: > 0 } finish) _finishReason = finish;
        }
        if (item.Usage is { } usage) output.Add(new UsageReported(timestamp, usage));
        if (item.Timings is { } timings) output.Add(new ServerTimingsReported(timestamp, timings));
        return false;
    }

    public StreamFailed EndedEarly(long timestamp) =>
        new(timestamp, ErrorClass.Disconnect, "the stream ended without the final [DONE] event (connection closed mid-stream)");

    private static StreamFailed ProviderFailure(long timestamp, OpenAIStreamError error)
    {
        var rateLimited = error.Code == 429 || (error.Type?.Contains("rate_limit", StringComparison.OrdinalIgnoreCase) ?? false);
        var message = $"provider error event{(error.Type is null ? "" : $" ({error.Type})")}: {ServerText.Clean(error.Message ?? "no message")}";
        return new StreamFailed(timestamp, rateLimited ? ErrorClass.RateLimited : ErrorClass.ProviderError, message, error.Code);
    }
}
