namespace TokenClock.Server.Simulation;

/// <summary>
/// Deterministic filler text. Every simulated token is exactly four characters (a space and three letters), so
/// the approximate chars/4 tokenizer counts the simulator's tokens exactly and local counts can be checked.
/// </summary>
public static class PseudoText
{
    private static readonly string[] Syllables =
    [
        " the", " and", " for", " was", " are", " not", " but", " had", " one", " can", " all", " her", " out",
        " day", " get", " has", " him", " his", " how", " man", " new", " now", " old", " see", " two", " way",
        " who", " boy", " did", " its", " let", " put", " say", " she", " too", " use", " map", " run", " sum",
        " key", " log", " net", " bit", " row", " set", " top", " end", " age",
    ];

    /// <summary>Characters in every simulated token.</summary>
    public const int CharsPerToken = 4;

    /// <summary>
    /// True when <paramref name="text"/> is nothing but simulator tokens (four characters each, from the fixed list),
    /// so reports can tell the simulator's filler from a model's words. Empty text is not.
    /// </summary>
    public static bool IsPseudoText(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length % CharsPerToken != 0) return false;
        for (var i = 0; i < text.Length; i += CharsPerToken)
        {
            var token = text.AsSpan(i, CharsPerToken);
            var known = false;
            foreach (var s in Syllables)
            {
                if (!token.SequenceEqual(s)) continue;
                known = true;
                break;
            }
            if (!known) return false;
        }
        return true;
    }

    /// <summary>One token drawn with <paramref name="random"/>: a space and three letters.</summary>
    public static string Token(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Syllables[random.Next(Syllables.Length)];
    }
}
