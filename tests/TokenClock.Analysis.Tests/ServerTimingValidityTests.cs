using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Synthetic;
using TokenClock.Analysis.Validity;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;

namespace TokenClock.Analysis.Tests;

/// <summary>TC010: client TTFT against the server's own timings (numbers from the H200 llama-server runs, docs/gpu.md).</summary>
public sealed class ServerTimingValidityTests
{
    private static readonly SyntheticSeries Server = new() { Backend = "llama-server", TtftMs = 50, PerTokenMs = 4, NoiseMs = 3, InputMin = 365, InputMax = 365 };

    /// <summary>A synthetic run whose requests carry server timings: prompt time = client TTFT − gap.</summary>
    private static IReadOnlyList<ValidityFinding> Findings(double gapMs, Func<int, int>? promptTokens = null, double ttftMs = 50)
    {
        var run = SyntheticRunGenerator.Generate(1, "server-timings", [Server with { TtftMs = ttftMs }], 60, seed: 15);
        var records = run.Requests.Select((r, i) =>
        {
            var ttftMs = (r.FirstTokenNs!.Value - r.SentNs) / 1e6;
            return r with { ServerTimings = new ServerTimings(promptTokens?.Invoke(i) ?? 365, Math.Max(0, ttftMs - gapMs), r.ServerOutputTokens, 400) };
        }).ToArray();
        return RunAnalyzer.Analyze([run with { Requests = records }], new AnalysisOptions { PercentileResamples = 100, FitResamples = 50 }).Findings;
    }

    [Fact]
    public void A_server_side_stall_before_the_first_token_is_reported()
    {
        // The --cache-ram trap: TTFT 287 ms while the server spent ~52 ms on the prompt.
        var findings = Findings(gapMs: 235, ttftMs: 287);

        var f = Assert.Single(findings, x => x.Id == "TC010");
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("exceeds the server's own prompt time by 235", f.Message, StringComparison.Ordinal);
        Assert.StartsWith("llama-server", f.Series, StringComparison.Ordinal);
    }

    [Fact]
    public void Transport_and_request_handling_alone_are_not_reported()
    {
        // 3.6 ms: the measured gap against llama-server on loopback with no queueing.
        Assert.DoesNotContain(Findings(gapMs: 3.6), x => x.Id == "TC010");
    }

    [Fact]
    public void A_gap_smaller_than_the_prompt_time_is_not_reported()
    {
        // 40 ms of waiting on a 60 ms TTFT leaves 20 ms of prompt time: the wait dominates, so it fires...
        Assert.Contains(Findings(gapMs: 40, ttftMs: 60), x => x.Id == "TC010");
        // ...but 40 ms on a 130 ms TTFT leaves 90 ms of prompt time (as at c=16 on the H200: batching, not a stall).
        Assert.DoesNotContain(Findings(gapMs: 40, ttftMs: 130), x => x.Id == "TC010");
    }

    [Fact]
    public void Prompts_served_from_the_server_prefix_cache_are_reported()
    {
        // As in the H200 sweep: the server evaluated 1 of 365 prompt tokens for most requests.
        var findings = Findings(gapMs: 3, promptTokens: i => i % 4 == 0 ? 365 : 1);

        var f = Assert.Single(findings, x => x.Id == "TC010");
        Assert.Contains("under half of the prompt in 75% of requests (median 1 of 365 tokens)", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_without_server_timings_raise_nothing()
    {
        var run = SyntheticRunGenerator.Generate(1, "no-timings", [Server], 60, seed: 15);
        var findings = RunAnalyzer.Analyze([run], new AnalysisOptions { PercentileResamples = 100, FitResamples = 50 }).Findings;

        Assert.DoesNotContain(findings, x => x.Id == "TC010");
    }
}
