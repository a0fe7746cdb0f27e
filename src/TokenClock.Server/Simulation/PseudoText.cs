namespace TokenClock.Server.Simulation;

/// <summary>
/// Deterministic filler text. Every simulated token is exactly four characters (a space and three letters), so
/// the approximate chars/4 tokenizer counts the simulator's tokens exactly and local counts can be checked.
/// </summary>
internal static class PseudoText
{
    private static readonly string[] Syllables =
    [
        " the", " and", " for", " was", " are", " not", " but", " had", " one", " can", " all", " her", " out",
        " day", " get", " has", " him", " his", " how", " man", " new", " now", " old", " see", " two", " way",
        " who", " boy", " did", " its", " let", " put", " say", " she", " too", " use", " map", " run", " sum",
        " key", " log", " net", " bit", " row", " set", " top", " end", " age",
    ];

    public const int CharsPerToken = 4;

    public static string Token(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Syllables[random.Next(Syllables.Length)];
    }
}
