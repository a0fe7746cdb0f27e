using System.Globalization;
using TokenClock.Analysis.Comparison;
using TokenClock.Analysis.Statistics;
using TokenClock.Core.Results;

namespace TokenClock.Cli.Commands.Run;

/// <summary>
/// The default run's one-line answer: what serving the same model over HTTP costs in time to first token against
/// running it in process, as a median change with its 95% CI and the sample size, so a small n reads as small.
/// </summary>
internal static class DefaultRunTakeaway
{
    public static string Of(IReadOnlyList<RequestRecord> records, string inProcess, string overHttp)
    {
        double[] Ttfts(string backend) => records
            .Where(r => r.Backend == backend && r.Phase == RequestPhase.Measured && r.Succeeded && r.TtftMs() is not null)
            .Select(r => r.TtftMs()!.Value).ToArray();
        var local = Ttfts(inProcess);
        var http = Ttfts(overHttp);
        var comparison = RunComparer.CompareMetric(MetricCatalog.Ttft, local, http, failIfSlowerFraction: null);
        if (comparison.Test is not { } t)
            return $"takeaway: too few successful requests to compare {overHttp} with {inProcess} ({local.Length} and {http.Length}).";
        var verdict = comparison.Verdict switch
        {
            Verdict.Slower => "HTTP adds measurable time",
            Verdict.Faster => "HTTP was faster here (background noise or warm-up; re-run to check)",
            _ => "no difference this sample can show",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"takeaway: TTFT over HTTP ({overHttp}) vs in process ({inProcess}): median {t.RelativeChange * 100:+0.0;-0.0;0.0}% " +
            $"(95% CI {t.RelativeLower * 100:+0.0;-0.0;0.0}%..{t.RelativeUpper * 100:+0.0;-0.0;0.0}%, n={local.Length} and {http.Length}): {verdict}.");
    }
}
