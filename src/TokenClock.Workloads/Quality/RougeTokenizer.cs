namespace TokenClock.Workloads.Quality;

/// <summary>
/// Tokenization as the reference rouge-score package does it: lowercase, every run of characters outside
/// [a-z0-9] becomes a space (so non-ASCII letters are dropped, as there), split on spaces, optional Porter
/// stemming of tokens longer than three characters.
/// </summary>
internal static class RougeTokenizer
{
    public static IReadOnlyList<string> Tokenize(string text, bool stem = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var buffer = new System.Text.StringBuilder();
        foreach (var ch in text)
        {
            var c = char.ToLowerInvariant(ch);
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') buffer.Append(c);
            else Flush();
        }
        Flush();
        return tokens;

        void Flush()
        {
            if (buffer.Length == 0) return;
            var token = buffer.ToString();
            tokens.Add(stem && token.Length > 3 ? PorterStemmer.Stem(token) : token);
            buffer.Clear();
        }
    }

    /// <summary>Whitespace-separated words (for summary lengths and compression ratios).</summary>
    public static int CountWords(string text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
