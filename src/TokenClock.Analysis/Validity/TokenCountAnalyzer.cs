using TokenClock.Core.Results;

namespace TokenClock.Analysis.Validity;

/// <summary>Server-reported and locally counted output tokens disagree: per-token metrics depend on which is right.</summary>
internal sealed class TokenCountAnalyzer : IValidityAnalyzer
{
    public const double Tolerance = 0.1;
    public const double ShareThreshold = 0.1;

    public string Id => "TC004";
    public string Name => "token-count-disagreement";

    public IEnumerable<ValidityFinding> Analyze(ValidityContext context)
    {
        foreach (var s in context.Series)
        {
            var withServer = s.Requests.Where(r => r.Succeeded && r.ServerOutputTokens is > 0).ToArray();
            if (withServer.Length == 0) continue;
            var disagree = withServer.Count(r => r.TokenCountsDisagree(Tolerance));
            var share = (double)disagree / withServer.Length;
            if (share < ShareThreshold) continue;
            var tokenizer = withServer.Select(r => r.LocalTokenizer).FirstOrDefault(t => t is not null) ?? "the local tokenizer";
            yield return new(Id, Name, Severity.Warning, $"Server and local output token counts differ by more than {Fmt.Pct(Tolerance)} in {Fmt.Pct(share)} of requests. TPOT uses the server count; ITL spreads the server count over the chunks in proportion to the local count, so only how tokens split between coalesced chunks depends on the local tokenizer. Pick a tokenizer matching the model (now {tokenizer}).", s.Name);
        }
    }
}
