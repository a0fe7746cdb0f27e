using TokenClock.Analysis.Statistics;
using TokenClock.Core.Results;

namespace TokenClock.Analysis.Validity;

/// <summary>
/// Client TTFT against the server's own per-request timings (llama.cpp's <c>timings</c>, TokenClock's serve).
/// A TTFT far above the server's prompt time is server-side waiting (queueing for a slot, a prompt-cache save
/// stalling every slot) that TTFT would otherwise report as prefill. A server that evaluated far fewer prompt
/// tokens than it received reused a cached prefix, so TTFT measures cached prompts, not new ones.
/// </summary>
internal sealed class ServerTimingAnalyzer : IValidityAnalyzer
{
    /// <summary>Gap below which loopback HTTP and request handling explain it (2.8-3.6 ms on an H200 llama-server).</summary>
    public const double MinGapMs = 25;
    public const double CachedShareThreshold = 0.2;
    private const int MinRequests = 3;

    public string Id => "TC010";
    public string Name => "server-timing-gap";

    public IEnumerable<ValidityFinding> Analyze(ValidityContext context)
    {
        foreach (var s in context.Series)
        {
            var timed = s.Requests.Where(r => r.Succeeded && r.FirstTokenNs is not null && r.ServerTimings?.PromptMs is >= 0).ToArray();
            if (timed.Length >= MinRequests)
            {
                var gap = Percentiles.Of(timed.Select(r => (r.FirstTokenNs!.Value - r.SentNs) / 1e6 - r.ServerTimings!.PromptMs!.Value), 50);
                var prompt = Percentiles.Of(timed.Select(r => r.ServerTimings!.PromptMs!.Value), 50);
                if (gap >= MinGapMs && gap >= prompt)
                    yield return new(Id, Name, Severity.Warning, $"Client TTFT exceeds the server's own prompt time by {Fmt.Ms(gap)} at the median (server prompt time {Fmt.Ms(prompt)}, {Fmt.Int(timed.Length)} requests): the server waited outside prompt processing (queueing for a slot, a prompt-cache save, scheduling), and TTFT includes that wait. Check the server's parallel slots and cache settings (llama.cpp: -np, --cache-ram 0).", s.Name);
            }
            var counted = s.Requests.Where(r => r.Succeeded && r.ServerTimings?.PromptTokens is not null && r.ServerInputTokens is > 0).ToArray();
            if (counted.Length < MinRequests) continue;
            var cached = counted.Where(IsCached).ToArray();
            var share = (double)cached.Length / counted.Length;
            if (share < CachedShareThreshold) continue;
            var evaluated = Percentiles.Of(cached.Select(r => (double)r.ServerTimings!.PromptTokens!.Value), 50);
            var received = Percentiles.Of(cached.Select(r => (double)r.ServerInputTokens!.Value), 50);
            yield return new(Id, Name, Severity.Warning, $"The server evaluated under half of the prompt in {Fmt.Pct(share)} of requests (median {Fmt.Num(evaluated, "0")} of {Fmt.Num(received, "0")} tokens): it reused a cached prefix, so TTFT reflects cached prompts. Vary the prompts between runs and cells, or turn the server's prompt cache off, to measure prefill.", s.Name);
        }
    }

    private static bool IsCached(RequestRecord r) => r.ServerTimings!.PromptTokens!.Value * 2 < r.ServerInputTokens!.Value;
}
