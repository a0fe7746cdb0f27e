namespace TokenClock.Core.Tokens;

/// <summary>Counts tokens locally, for when the server reports no usage and for per-chunk token counts.</summary>
public interface ITokenCounter
{
    /// <summary>Name stored with results, e.g. "o200k_base" or "approx-chars/4".</summary>
    string Name { get; }

    /// <summary>Tokens in <paramref name="text"/> under this counter's vocabulary.</summary>
    int CountTokens(string text);
}
