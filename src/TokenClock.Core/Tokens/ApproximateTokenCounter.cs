namespace TokenClock.Core.Tokens;

/// <summary>
/// A documented approximation for when no real tokenizer is known: English BPE vocabularies average about
/// four characters per token. Non-empty text counts as at least one token.
/// </summary>
public sealed class ApproximateTokenCounter : ITokenCounter
{
    /// <summary>The shared instance (the counter holds no state).</summary>
    public static readonly ApproximateTokenCounter Instance = new();

    /// <inheritdoc/>
    public string Name => "approx-chars/4";

    /// <summary>Characters / 4, rounded half away from zero; 0 for empty text, at least 1 otherwise.</summary>
    public int CountTokens(string text) =>
        string.IsNullOrEmpty(text) ? 0 : Math.Max(1, (int)Math.Round(text.Length / 4.0, MidpointRounding.AwayFromZero));
}
