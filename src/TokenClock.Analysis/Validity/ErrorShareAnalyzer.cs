using TokenClock.Core.Backends;

namespace TokenClock.Analysis.Validity;

/// <summary>Failed requests are excluded from percentiles; a large share of them biases what remains.</summary>
internal sealed class ErrorShareAnalyzer : IValidityAnalyzer
{
    public string Id => "TC002";
    public string Name => "error-share";

    public IEnumerable<ValidityFinding> Analyze(ValidityContext context)
    {
        foreach (var s in context.Series)
        {
            if (s.Total == 0) continue;
            if (s.Succeeded == 0)
            {
                yield return new(Id, Name, Severity.Error, $"All {Fmt.Int(s.Total)} requests failed; there is nothing to measure. Check the endpoint, model name and key.", s.Name);
                continue;
            }
            var nonRateLimit = s.Failed - s.ErrorsByClass.GetValueOrDefault(ErrorClass.RateLimited);
            if (nonRateLimit <= 0) continue;
            var share = (double)nonRateLimit / s.Total;
            var detail = string.Join(", ", s.ErrorsByClass.Where(e => e.Key != ErrorClass.RateLimited && e.Value > 0)
                .OrderBy(e => e.Key).Select(e => $"{ErrorClassNames.Of(e.Key)} {Fmt.Int(e.Value)}"));
            var severity = share >= 0.2 ? Severity.Error : share >= 0.05 ? Severity.Warning : Severity.Hint;
            yield return new(Id, Name, severity, $"{Fmt.Pct(share)} of requests failed ({detail}); they are excluded from percentiles and counted beside them.", s.Name);
        }
    }
}
