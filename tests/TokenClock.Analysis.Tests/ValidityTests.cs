using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Synthetic;
using TokenClock.Analysis.Validity;
using TokenClock.Core.Results;

namespace TokenClock.Analysis.Tests;

public sealed class ValidityTests
{
    private static readonly SyntheticSeries Clean = new() { Backend = "clean", TtftMs = 300, PerTokenMs = 20, NoiseMs = 20 };

    private static IReadOnlyList<ValidityFinding> Findings(SyntheticSeries backend, int n = 200, IReadOnlyDictionary<string, double>? probe = null, IReadOnlyList<JobRecord>? jobs = null)
    {
        var run = SyntheticRunGenerator.Generate(1, "validity", [backend], n, seed: 77, probe);
        if (jobs is not null) run = run with { Jobs = jobs };
        return RunAnalyzer.Analyze([run], new AnalysisOptions { PercentileResamples = 100, FitResamples = 50 }).Findings;
    }

    private static void AssertFires(IReadOnlyList<ValidityFinding> findings, string id, Severity atLeast, string text)
    {
        Assert.Contains(findings, f => f.Id == id && f.Severity >= atLeast && f.Message.Contains(text, StringComparison.Ordinal));
    }

    [Fact]
    public void Clean_run_raises_only_the_perceived_latency_verdict()
    {
        var findings = Findings(Clean);

        Assert.True(findings.Count == 1, string.Join(" / ", findings.Select(x => $"{x.Id}: {x.Message}")));
        var f = findings[0];
        Assert.Equal("TC008", f.Id);
        Assert.Equal(Severity.Hint, f.Severity);
        Assert.Contains("p90 meets 1 s", f.Message);
        Assert.Contains("misses 0.1 s", f.Message);
    }

    [Fact]
    public void Growing_queue_delay_is_reported_as_client_saturation_and_drift()
    {
        var findings = Findings(Clean with { QueueDelayStartMs = 0, QueueDelayEndMs = 200 });

        AssertFires(findings, "TC001", Severity.Warning, "p99 queue delay");
        AssertFires(findings, "TC001", Severity.Warning, "Schedule drift");
    }

    [Fact]
    public void Busy_client_cpu_and_thread_pool_starvation_from_the_probe_are_reported()
    {
        var findings = Findings(Clean, probe: new Dictionary<string, double> { ["client_cpu_percent"] = 97, ["threadpool_starvation_events"] = 2 });

        AssertFires(findings, "TC001", Severity.Warning, "Client CPU was 97% busy");
        AssertFires(findings, "TC001", Severity.Error, "Thread-pool starvation");
    }

    [Fact]
    public void Error_share_and_rate_limits_are_reported_separately()
    {
        var findings = Findings(Clean with { ErrorShare = 0.08, RateLimitShare = 0.05 });

        AssertFires(findings, "TC002", Severity.Warning, "of requests failed (http_status");
        AssertFires(findings, "TC003", Severity.Warning, "rate-limited");
    }

    [Fact]
    public void Server_and_local_token_count_disagreement_is_reported()
    {
        AssertFires(Findings(Clean with { ServerTokenFactor = 1.3 }), "TC004", Severity.Warning, "token counts differ");
    }

    [Fact]
    public void Token_count_disagreement_no_longer_claims_itl_uses_the_server_count_as_is()
    {
        var f = Assert.Single(Findings(Clean with { ServerTokenFactor = 1.3 }), x => x.Id == "TC004");
        Assert.DoesNotContain("TPOT/ITL use the server count", f.Message, StringComparison.Ordinal);
        Assert.Contains("ITL spreads the server count over the chunks", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Approximate_itl_token_counts_and_rejected_usage_are_reported()
    {
        AssertFires(Findings(Clean with { ServerReportsUsage = false }), "TC009", Severity.Hint, "approximate token count");

        var run = SyntheticRunGenerator.Generate(1, "validity", [Clean], 50, seed: 77);
        run = run with { Requests = run.Requests.Select((r, i) => i == 3 ? r with { Flags = RequestFlags.BadUsage, Note = "server usage rejected (bad_usage): completion_tokens -100000 is negative" } : r).ToArray() };
        var findings = RunAnalyzer.Analyze([run], new AnalysisOptions { PercentileResamples = 100, FitResamples = 50 }).Findings;
        AssertFires(findings, "TC009", Severity.Warning, "impossible in 1 of");
    }

    [Fact]
    public void Role_only_first_chunks_and_coalesced_chunks_are_reported()
    {
        AssertFires(Findings(Clean with { RoleOnlyGapMs = 200 }), "TC005", Severity.Hint, "role-only");
        AssertFires(Findings(Clean with { TokensPerChunk = 4 }), "TC005", Severity.Hint, "Chunks carry 4.0 tokens");
    }

    [Fact]
    public void Too_few_samples_for_tail_percentiles_are_reported()
    {
        var findings = Findings(Clean, n: 30);

        AssertFires(findings, "TC006", Severity.Hint, "p99 needs n ≥ 100");
        Assert.DoesNotContain(findings, f => f.Id == "TC006" && f.Message.Contains("p95", StringComparison.Ordinal));
    }

    [Fact]
    public void Drifting_latency_is_reported_as_warm_up_not_converged()
    {
        AssertFires(Findings(Clean with { TrendMsPerRequest = 5 }), "TC007", Severity.Warning, "Warm-up not converged");
    }

    [Fact]
    public void Converged_warm_up_is_trimmed_and_mentioned()
    {
        var findings = Findings(Clean with { WarmupExtraMs = 3000, WarmupRequests = 30 });

        AssertFires(findings, "TC007", Severity.Hint, "Excluded the first");
    }

    [Fact]
    public void Slow_ttft_and_job_first_visible_are_judged_against_the_thresholds()
    {
        JobRecord[] jobs = [.. Enumerable.Range(0, 10).Select(i => new JobRecord
        {
            JobId = "j" + i, Kind = "summarize", Backend = "clean", StartNs = 0, FirstVisibleNs = 12_000_000_000L + i * 1_000_000, EndNs = 20_000_000_000L,
        })];

        var findings = Findings(Clean with { TtftMs = 12_000, NoiseMs = 100 }, jobs: jobs);

        AssertFires(findings, "TC008", Severity.Warning, "TTFT p50 12,0");
        AssertFires(findings, "TC008", Severity.Warning, "first_visible (jobs) p50 12,00");
        Assert.Contains(findings, f => f.Message.Contains("p90 meets no threshold", StringComparison.Ordinal));
    }

    [Fact]
    public void All_failed_requests_are_an_error()
    {
        AssertFires(Findings(Clean with { ErrorShare = 1 }), "TC002", Severity.Error, "All 200 requests failed");
    }
}
