namespace TokenClock.Core.Tokens;

/// <summary>
/// A documented approximation for when no real tokenizer is known: English BPE vocabularies average about
/// four characters per token. Non-empty text counts as at least one token.
/// </summary>
public sealed class ApproximateTokenCounter : ITokenCounter
{
    public static readonly ApproximateTokenCounter Instance = new();

    public string Name => "approx-chars/4";

    public int CountTokens(string text) =>
        string.IsNullOrEmpty(text) ? 0 : Math.Max(1, (int)Math.Round(text.Length / 4.0, MidpointRounding.AwayFromZero));
}
