using TokenClock.Core.Backends;
using TokenClock.Core.Results;

namespace TokenClock.Core.Timing;

/// <summary>
/// Attributes a reported token total to the chunks that carried it (metrics.md, token attribution for ITL):
/// one token per chunk when the counts match, otherwise the total split in proportion to each chunk's local
/// count by largest remainders, so the integers always sum to the total exactly.
/// </summary>
public static class ChunkTokens
{
    /// <summary>
    /// Rewrites <paramref name="counts"/> (the local or backend count per chunk) so they sum to
    /// <paramref name="total"/> when one is given, and says how the result was obtained.
    /// </summary>
    /// <param name="counts">Tokens per chunk, in arrival order; rewritten in place.</param>
    /// <param name="total">The output token total the server reported; null when it reported none.</param>
    /// <param name="backendCounted">The counts came from the backend itself (exact), not a local estimate.</param>
    public static TokenAttribution Attribute(Span<int> counts, int? total, bool backendCounted)
    {
        if (total is not { } target) return backendCounted ? TokenAttribution.Backend : TokenAttribution.Local;
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(total));
        long sum = 0;
        foreach (var c in counts) sum += Math.Max(0, c);
        if (backendCounted && sum == target) return TokenAttribution.Backend;
        if (counts.Length == target)
        {
            counts.Fill(1);
            return TokenAttribution.OnePerChunk;
        }
        if (counts.Length == 0) return TokenAttribution.Scaled;
        Apportion(counts, target, sum);
        return TokenAttribution.Scaled;
    }

    /// <summary>
    /// Rewrites the chunks' token counts so they sum to the server's usage. When the server splits completion
    /// tokens into reasoning and answer, each part is attributed to its own chunks (reasoning the server did not
    /// stream is hidden and gets no chunk); otherwise all chunks share the total. Returns the answer chunks' source.
    /// </summary>
    public static TokenAttribution Attribute(ChunkSample[] chunks, TokenUsage? usage, bool backendCounted)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        if (usage is { OutputTokens: { } output, ReasoningTokens: { } reasoning } && reasoning <= output)
        {
            var result = Attribute(chunks, output - reasoning, backendCounted, c => !c.Reasoning);
            if (chunks.Any(c => c.Reasoning)) Attribute(chunks, reasoning, backendCounted, c => c.Reasoning);
            return result;
        }
        return Attribute(chunks, usage?.OutputTokens, backendCounted, _ => true);
    }

    /// <summary>
    /// Attributes a record stored before attribution existed (its chunk tokens are local estimates). Usage that
    /// cannot be true for its text is left alone, and the record stays <see cref="TokenAttribution.Local"/>.
    /// </summary>
    public static RequestRecord Reattribute(RequestRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var usage = new TokenUsage(record.ServerInputTokens, record.ServerOutputTokens, record.ReasoningTokens);
        if (record.ServerOutputTokens is null || record.Chunks.Count == 0) return record with { TokenAttribution = TokenAttribution.Local };
        var reasoningChars = record.Chunks.Where(c => c.Reasoning).Sum(c => c.Chars);
        if (UsageCheck.Problem(usage, record.OutputChars, reasoningChars) is not null) return record with { TokenAttribution = TokenAttribution.Local };
        var chunks = record.Chunks.ToArray();
        var attribution = Attribute(chunks, usage, backendCounted: false);
        return record with { Chunks = chunks, TokenAttribution = attribution };
    }

    private static TokenAttribution Attribute(ChunkSample[] chunks, int? total, bool backendCounted, Func<ChunkSample, bool> member)
    {
        var indices = Enumerable.Range(0, chunks.Length).Where(i => member(chunks[i])).ToArray();
        var counts = indices.Select(i => chunks[i].Tokens).ToArray();
        var result = Attribute(counts, total is < 0 ? null : total, backendCounted && chunks.Length > 0);
        for (var k = 0; k < indices.Length; k++) chunks[indices[k]] = chunks[indices[k]] with { Tokens = counts[k] };
        return result;
    }

    /// <summary>Largest-remainder apportionment; weights of zero (or all zero) fall back to equal shares.</summary>
    private static void Apportion(Span<int> counts, int target, long weightSum)
    {
        var n = counts.Length;
        var weights = new long[n];
        for (var i = 0; i < n; i++) weights[i] = weightSum > 0 ? Math.Max(0, counts[i]) : 1;
        if (weightSum <= 0) weightSum = n;

        var remainders = new long[n];
        long given = 0;
        for (var i = 0; i < n; i++)
        {
            var share = Math.DivRem(target * weights[i], weightSum, out var rem);
            counts[i] = (int)share;
            remainders[i] = rem;
            given += share;
        }
        // The leftover (fewer than n tokens) goes to the largest remainders; ties to the earlier chunk.
        var order = Enumerable.Range(0, n).OrderByDescending(i => remainders[i]).ThenBy(i => i).ToArray();
        for (var k = 0; given < target; k++, given++) counts[order[k]]++;
    }
}
