using TokenClock.Core.Backends;

namespace TokenClock.Analysis.Validity;

/// <summary>Rate limiting means the provider's quota, not its speed, shaped the run.</summary>
internal sealed class RateLimitAnalyzer : IValidityAnalyzer
{
    public string Id => "TC003";
    public string Name => "rate-limit-share";

    public IEnumerable<ValidityFinding> Analyze(ValidityContext context)
    {
        foreach (var s in context.Series)
        {
            var limited = s.ErrorsByClass.GetValueOrDefault(ErrorClass.RateLimited);
            if (limited == 0 || s.Total == 0) continue;
            var share = (double)limited / s.Total;
            var severity = share >= 0.1 ? Severity.Error : share >= 0.01 ? Severity.Warning : Severity.Hint;
            yield return new(Id, Name, severity, $"{Fmt.Pct(share)} of requests were rate-limited (HTTP 429); lower the rate or raise the quota.", s.Name);
        }
    }
}
