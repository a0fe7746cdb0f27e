using TokenClock.Core.Results;
using TokenClock.Core.Timing;

namespace TokenClock.Analysis.Validity;

/// <summary>
/// Requests sent a second time because a keep-alive connection the server had closed reset them unread (see the
/// HTTP client's stale-connection rule). They are measured from the attempt that reached the server; this says how
/// many there were, so a server that drops idle connections eagerly is visible rather than hidden by the resend.
/// </summary>
internal sealed class StaleConnectionAnalyzer : IValidityAnalyzer
{
    public string Id => "TC015";
    public string Name => "stale-connections";

    public IEnumerable<ValidityFinding> Analyze(ValidityContext context)
    {
        foreach (var s in context.Series)
        {
            var measured = s.Requests;
            var resent = measured.Count(r => r.Tags.ContainsKey(RequestTimeline.ResentTag));
            if (resent == 0) continue;
            yield return new(Id, Name, Severity.Hint,
                $"{Fmt.Int(resent)} of {Fmt.Int(measured.Count)} requests met a keep-alive connection the server had already closed (reset before it read them) and were sent again; their timings start at the resend (tag {RequestTimeline.ResentTag}). Many of these mean the server closes idle connections quickly.",
                s.Name);
        }
    }
}
