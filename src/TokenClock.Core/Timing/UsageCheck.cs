using System.Globalization;
using TokenClock.Core.Backends;

namespace TokenClock.Core.Timing;

/// <summary>
/// Rejects server usage that cannot be true for the text that arrived (metrics.md: bad responses are data).
/// A negative count is impossible; so is more than <see cref="MaxTokensPerChar"/> tokens per visible character
/// (byte-level BPE splits one UTF-16 character into at most four tokens), or none for visible text. Hidden
/// reasoning is allowed for: tokens the server says were reasoning are not held against the visible text.
/// </summary>
internal static class UsageCheck
{
    public const int MaxTokensPerChar = 4;
    /// <summary>End-of-sequence and other special tokens some servers count without sending text.</summary>
    public const int SpecialTokenSlack = 16;

    /// <summary>Returns the reason the usage is rejected, or null when it is plausible.</summary>
    public static string? Problem(TokenUsage usage, int contentChars, int reasoningChars)
    {
        if (usage.OutputTokens is < 0) return $"completion_tokens {Fmt(usage.OutputTokens)} is negative";
        if (usage.InputTokens is < 0) return $"prompt_tokens {Fmt(usage.InputTokens)} is negative";
        if (usage.ReasoningTokens is < 0) return $"reasoning_tokens {Fmt(usage.ReasoningTokens)} is negative";
        if (usage.OutputTokens is not { } output) return null;
        var reasoning = usage.ReasoningTokens ?? 0;
        if (reasoning > output)
            return $"reasoning_tokens {Fmt(reasoning)} exceed completion_tokens {Fmt(output)}";
        var visible = output - reasoning;
        var chars = contentChars + (usage.ReasoningTokens is null ? reasoningChars : 0);
        var ceiling = (long)MaxTokensPerChar * chars + SpecialTokenSlack;
        if (visible > ceiling)
            return $"completion_tokens {Fmt(output)} is more than {MaxTokensPerChar} tokens per character of the {Fmt(chars)} characters received";
        if (contentChars > 0 && output == 0)
            return $"completion_tokens is 0 but {Fmt(contentChars)} characters of text arrived";
        return null;
    }

    private static string Fmt(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "null";
}
