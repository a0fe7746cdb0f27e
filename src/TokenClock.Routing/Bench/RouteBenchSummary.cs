using TokenClock.Core.Numerics;
using System.Globalization;
using TokenClock.Routing.Model;
using TokenClock.Routing.Routing;

namespace TokenClock.Routing.Bench;

/// <summary>One length bucket under one strategy.</summary>
public sealed record BucketStats(string Bucket, int OutputTokens, int Count, int Errors, double MeanE2eMs, double MeanTtftMs, IReadOnlyDictionary<string, int> AnsweredBy);

/// <summary>One strategy over all buckets.</summary>
public sealed record StrategyStats(
    string Strategy, IReadOnlyList<BucketStats> Buckets, double MeanE2eMs, double P50TtftMs, double P99TtftMs, long ExtraRequests, double ExtraRequestShare, int Errors);

/// <summary>A target of the routing benchmark, with the measured figure that decides it.</summary>
public sealed record RouteBenchCheck(string Name, bool Passed, string Detail);

/// <summary>
/// Per-bucket means, tails and the benchmark's targets: routing within 5% of the better single backend in every
/// bucket (E2E, or TTFT for the streaming objective), each single backend at least 25% worse than routing in some
/// bucket, hedging cutting p99 TTFT by at least 30% with at most 5% extra requests.
/// </summary>
public sealed record RouteBenchSummary(RoutingObjective Objective, IReadOnlyList<StrategyStats> Strategies, IReadOnlyList<RouteBenchCheck> Checks)
{
    /// <summary>Summarizes <paramref name="run"/> and checks the targets; <paramref name="singles"/> are the strategy names
    /// of the backends run alone, and <paramref name="objective"/> picks E2E or TTFT as the figure compared.</summary>
    public static RouteBenchSummary From(RouteBenchRun run, IReadOnlyList<string> singles, RoutingObjective objective)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(singles);
        var strategies = run.Results.GroupBy(r => r.Strategy).Select(g => Stats(g.Key, g.ToList(), run)).ToList();
        var byName = strategies.ToDictionary(s => s.Strategy);
        var checks = new List<RouteBenchCheck>();
        double Metric(BucketStats b) => objective == RoutingObjective.TimeToFirstToken ? b.MeanTtftMs : b.MeanE2eMs;
        var metricName = objective == RoutingObjective.TimeToFirstToken ? "mean TTFT" : "mean E2E";

        if (byName.TryGetValue(RouteBenchRunner.Routing, out var routing) && singles.All(byName.ContainsKey))
        {
            var worst = routing.Buckets.Select(b =>
            {
                var best = singles.Select(s => byName[s].Buckets.First(x => x.Bucket == b.Bucket)).MinBy(Metric)!;
                var bestName = singles.First(s => byName[s].Buckets.Contains(best));
                return (b.Bucket, Ratio: Metric(b) / Metric(best) - 1, BestName: bestName);
            }).MaxBy(x => x.Ratio);
            checks.Add(new($"routing's {metricName} within 5% of the better single backend in every bucket", worst.Ratio <= 0.05,
                F($"worst bucket {worst.Bucket}: {worst.Ratio:+0.0%;-0.0%} vs {worst.BestName}")));
            foreach (var s in singles)
            {
                var most = byName[s].Buckets.Select(b => (b.Bucket, Ratio: Metric(b) / Metric(routing.Buckets.First(x => x.Bucket == b.Bucket)) - 1)).MaxBy(x => x.Ratio);
                checks.Add(new($"{s} alone at least 25% worse than routing in some bucket", most.Ratio >= 0.25,
                    F($"bucket {most.Bucket}: {most.Ratio:+0.0%;-0.0%}")));
            }
            if (byName.TryGetValue(RouteBenchRunner.RoutingHedged, out var hedged))
            {
                var cut = 1 - hedged.P99TtftMs / routing.P99TtftMs;
                checks.Add(new("hedging cuts p99 TTFT by at least 30% against routing alone", cut >= 0.30,
                    F($"p99 TTFT {routing.P99TtftMs:0} ms -> {hedged.P99TtftMs:0} ms ({cut:0.0%} cut)")));
                checks.Add(new("hedging adds at most 5% requests", hedged.ExtraRequestShare <= 0.05,
                    F($"{hedged.ExtraRequests} extra of {run.RequestsPerStrategy} ({hedged.ExtraRequestShare:0.0%})")));
            }
        }
        return new RouteBenchSummary(objective, strategies, checks);
    }

    private static StrategyStats Stats(string strategy, List<RouteBenchResult> results, RouteBenchRun run)
    {
        var ok = results.Where(r => r.Error is null && r.TtftMs is not null && r.E2eMs is not null).ToList();
        var buckets = results.GroupBy(r => r.Bucket).Select(g =>
        {
            var good = g.Where(r => r.Error is null && r.E2eMs is not null && r.TtftMs is not null).ToList();
            return new BucketStats(g.Key, g.Max(r => r.OutputTokens), g.Count(), g.Count() - good.Count,
                good.Count == 0 ? double.NaN : good.Average(r => r.E2eMs!.Value),
                good.Count == 0 ? double.NaN : good.Average(r => r.TtftMs!.Value),
                g.GroupBy(r => r.Answered ?? "(none)").OrderBy(x => x.Key, StringComparer.Ordinal).ToDictionary(x => x.Key, x => x.Count()));
        }).OrderBy(b => b.OutputTokens).ToList();
        var ttfts = ok.Select(r => r.TtftMs!.Value).Order().ToArray();
        var extra = run.Hedges.GetValueOrDefault(strategy);
        return new StrategyStats(strategy, buckets,
            ok.Count == 0 ? double.NaN : ok.Average(r => r.E2eMs!.Value),
            Quantiles.NearestRank(ttfts, 0.50), Quantiles.NearestRank(ttfts, 0.99), extra,
            run.RequestsPerStrategy == 0 ? 0 : extra / (double)run.RequestsPerStrategy,
            results.Count - ok.Count);
    }


    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
