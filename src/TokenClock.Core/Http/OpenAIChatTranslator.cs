using System.Text.Json;
using TokenClock.Core.Backends;
using TokenClock.Core.Http.Wire;

namespace TokenClock.Core.Http;

/// <summary>
/// Per-request OpenAI stream state, for chat (text in <c>delta</c>) and completions (text in <c>text</c>) streams.
/// A chunk whose delta has no text (role-only first chunk, empty keep-alive
/// deltas) produces no <see cref="ChunkReceived"/>: it only counts as first byte.
/// </summary>
internal sealed class OpenAIChatTranslator : ISseTranslator<OpenAIChunk>
{
    private bool _modelReported;
    private string? _finishReason;

    public bool Translate(long timestamp, OpenAIChunk item, List<BackendEvent> output)
    {
        if (ReferenceEquals(item, OpenAIChatProtocol.Done))
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
        if (item.Choices is { Count: > 0 } choices)
        {
            // Only the first choice is measured (n=1 is what TokenClock sends).
            var choice = choices[0];
            if (choice.Text is { Length: > 0 } text) output.Add(new ChunkReceived(timestamp, text, null)); // completions stream
            else if (choice.Delta is { } delta)
            {
                var reasoning = string.IsNullOrEmpty(delta.ReasoningContent) ? delta.Reasoning : delta.ReasoningContent;
                if (!string.IsNullOrEmpty(delta.Content) || !string.IsNullOrEmpty(reasoning))
                    output.Add(new ChunkReceived(timestamp, delta.Content ?? string.Empty, string.IsNullOrEmpty(reasoning) ? null : reasoning));
            }
            if (choice.FinishReason is { Length: > 0 } finish) _finishReason = finish;
        }
        if (item.Usage is { } usage)
            output.Add(new UsageReported(timestamp, new TokenUsage(usage.PromptTokens, usage.CompletionTokens, usage.CompletionTokensDetails?.ReasoningTokens)));
        if (item.Timings is { } t)
            output.Add(new ServerTimingsReported(timestamp, new ServerTimings(t.PromptN, t.PromptMs, t.PredictedN, t.PredictedMs, t.QueueMs)));
        return false;
    }

    public StreamFailed EndedEarly(long timestamp) =>
        new(timestamp, ErrorClass.Disconnect, "the stream ended without the final [DONE] event (connection closed mid-stream)");

    private static StreamFailed ProviderFailure(long timestamp, OpenAIError error)
    {
        var code = error.Code.ValueKind switch
        {
            JsonValueKind.Number when error.Code.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(StringOrNull(error.Code), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            _ => (int?)null,
        };
        var rateLimited = code == 429 || (error.Type?.Contains("rate_limit", StringComparison.OrdinalIgnoreCase) ?? false);
        var message = $"provider error event{(error.Type is null ? "" : $" ({error.Type})")}: {ServerText.Clean(error.Message ?? "no message")}";
        return new StreamFailed(timestamp, rateLimited ? ErrorClass.RateLimited : ErrorClass.ProviderError, message, code);
    }

    /// <summary>A string code's text, or null when its bytes are not UTF-8 (JsonElement checks them only on read; found by fuzzing).</summary>
    private static string? StringOrNull(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
