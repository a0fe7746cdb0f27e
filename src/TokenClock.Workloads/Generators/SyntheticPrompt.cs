using System.Globalization;
using System.Text;
using TokenClock.Core.Tokens;

namespace TokenClock.Workloads.Generators;

/// <summary>
/// Builds prompt text with an exact token count for a given tokenizer: a long deterministic filler is cut at the
/// longest word prefix within the target (binary search), then topped up with short pieces until the count is
/// exact. The filler is rotated by <c>variant</c> so consecutive prompts differ from their first word (servers
/// with prefix caching would otherwise answer repeated prompts from cache and fake a short TTFT).
/// </summary>
public static class SyntheticPrompt
{
    private static readonly string[] Words =
    [
        "river", "garden", "signal", "morning", "copper", "lantern", "harbor", "meadow", "engine", "window",
        "quiet", "paper", "winter", "orchard", "bridge", "silver", "market", "candle", "valley", "thunder",
        "pocket", "island", "forest", "number", "castle", "mirror", "planet", "ladder", "rabbit", "violet",
        "button", "circle", "desert", "feather", "glacier", "hollow", "jungle", "kettle", "lemon", "marble",
    ];

    private static readonly string[] TopUps = [".", " a", ",", " I", " x", "a", "s", " "];

    /// <summary>The lead of every synthetic prompt unless another is given.</summary>
    public const string Instruction = "Write a long, detailed story that uses the following words: ";

    /// <summary>Text of exactly <paramref name="targetTokens"/> tokens (counted by <paramref name="tokens"/>) that starts
    /// with <see cref="Instruction"/>; <paramref name="variant"/> rotates the filler.</summary>
    public static string Build(ITokenCounter tokens, int targetTokens, int variant = 0) => Build(tokens, targetTokens, variant, Instruction);

    /// <summary>Text of exactly <paramref name="targetTokens"/> tokens that starts with <paramref name="lead"/> (instead of the instruction).</summary>
    public static string Build(ITokenCounter tokens, int targetTokens, int variant, string lead) => Build(tokens, targetTokens, variant, lead, seed: 0);

    /// <summary>Text of exactly <paramref name="targetTokens"/> tokens that starts with <paramref name="lead"/>.</summary>
    /// <param name="tokens">Counts tokens as the target backend will.</param>
    /// <param name="targetTokens">The exact length wanted; at least the lead's tokens plus one.</param>
    /// <param name="variant">Selects the filler's rotation (or draw, with a seed), so prompts differ.</param>
    /// <param name="lead">The text the prompt starts with.</param>
    /// <param name="seed">0: the rotated filler (stable across releases). Otherwise the words are drawn by a
    /// generator keyed on (seed, variant), so runs with different seeds share no prompt: a server's prefix cache
    /// filled by one sweep point cannot answer the next one's prompts.</param>
    public static string Build(ITokenCounter tokens, int targetTokens, int variant, string lead, int seed)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(lead);
        var instructionTokens = tokens.CountTokens(lead);
        if (targetTokens < instructionTokens + 1)
            throw new ArgumentOutOfRangeException(nameof(targetTokens), targetTokens,
                string.Create(CultureInfo.InvariantCulture, $"A synthetic prompt needs at least {instructionTokens + 1} tokens with {tokens.Name}."));

        // Every filler word costs at least one token with every real tokenizer, so targetTokens words is enough;
        // grow it if a tokenizer proves us wrong.
        var wordCount = targetTokens + 8;
        string[] pieces;
        while (true)
        {
            pieces = seed == 0 ? Filler(wordCount, variant) : SeededFiller(wordCount, variant, seed);
            if (tokens.CountTokens(lead + string.Concat(pieces)) >= targetTokens) break;
            wordCount *= 2;
        }

        int lo = 0, hi = pieces.Length; // largest prefix with count <= target
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (tokens.CountTokens(lead + string.Concat(pieces.Take(mid))) <= targetTokens) lo = mid;
            else hi = mid - 1;
        }
        var sb = new StringBuilder(lead).Append(string.Concat(pieces.Take(lo)));
        var count = tokens.CountTokens(sb.ToString());

        // Top up; bounded (each accepted piece adds a token or characters toward one).
        for (var step = 0; step < 8 * targetTokens + 64 && count < targetTokens; step++)
        {
            string? choice = null, slow = null;
            foreach (var piece in TopUps)
            {
                var next = tokens.CountTokens(sb + piece);
                if (next > count && next <= targetTokens) { choice = piece; count = next; break; }
                if (next == count) slow ??= piece;
            }
            if (choice is null && slow is null) break;
            sb.Append(choice ?? slow);
        }
        var text = sb.ToString();
        var final = tokens.CountTokens(text);
        if (final != targetTokens)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Could not build a prompt of exactly {targetTokens} tokens with {tokens.Name} (got {final})."));
        return text;
    }

    private static string[] SeededFiller(int count, int variant, int seed)
    {
        // SplitMix64 over (seed, variant): the same pair always gives the same words, on every runtime.
        var state = ((ulong)(uint)seed << 32) | (uint)variant;
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            var w = Words[(int)(z % (ulong)Words.Length)];
            result[i] = i == 0 ? w : " " + w;
        }
        return result;
    }

    private static string[] Filler(int count, int variant)
    {
        var result = new string[count];
        var offset = (int)((uint)variant * 7u % (uint)Words.Length);
        for (var i = 0; i < count; i++)
        {
            // Vary the step as well as the start so that no two variants share long runs.
            var w = Words[(offset + i * (1 + variant % 3) + i / Words.Length) % Words.Length];
            result[i] = i == 0 ? w : " " + w;
        }
        return result;
    }
}
