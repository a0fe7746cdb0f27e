using TokenClock.Analysis.Statistics;
using TokenClock.Core.Results;

namespace TokenClock.Analysis.Validity;

/// <summary>
/// Stream shape: a role-only or empty first event (first byte long before the first token, so TTFB is not a
/// TTFT proxy), and coalesced chunks (several tokens per event, so ITL samples are per-token averages).
/// </summary>
internal sealed class ChunkShapeAnalyzer : IValidityAnalyzer
{
    public const double CoalescedTokensPerChunk = 1.5;

    public string Id => "TC005";
    public string Name => "chunk-shape";

    public IEnumerable<ValidityFinding> Analyze(ValidityContext context)
    {
        foreach (var s in context.Series)
        {
            var gaps = s.Analyzed.Where(r => r.TtfbMs() is not null && r.TtftMs() is not null)
                .Select(r => (Ttfb: r.TtfbMs()!.Value, Ttft: r.TtftMs()!.Value)).ToArray();
            if (gaps.Length > 0)
            {
                var roleOnly = gaps.Count(g => g.Ttft - g.Ttfb >= 20 && g.Ttfb < 0.5 * g.Ttft);
                if (roleOnly * 2 >= gaps.Length)
                {
                    var medGap = Percentiles.Of(gaps.Select(g => g.Ttft - g.Ttfb), 50);
                    yield return new(Id, Name, Severity.Hint, $"The first stream event arrives well before the first token in {Fmt.Pct((double)roleOnly / gaps.Length)} of requests (median gap {Fmt.Ms(medGap)}): a role-only or empty first chunk. TTFT counts from the first visible token; do not read TTFB as TTFT.", s.Name);
                }
            }
            long chunks = 0, tokens = 0;
            foreach (var r in s.Analyzed)
            {
                foreach (var c in r.Chunks)
                {
                    if (c.Reasoning || c.Chars == 0 || c.Tokens <= 0) continue;
                    chunks++;
                    tokens += c.Tokens;
                }
            }
            if (chunks > 0 && (double)tokens / chunks > CoalescedTokensPerChunk)
                yield return new(Id, Name, Severity.Hint, $"Chunks carry {Fmt.Num((double)tokens / chunks, "0.0")} tokens on average (coalesced by the server or a proxy); ITL samples are per-token averages within each chunk, and streaming looks burstier than the model decodes.", s.Name);
        }
    }
}
