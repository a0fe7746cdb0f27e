using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Synthetic;

namespace TokenClock.Reporting.Tests;

/// <summary>Seeded synthetic runs shared by the reporting tests.</summary>
internal static class TestRuns
{
    public static readonly SyntheticSeries Fast = new() { Backend = "llamacpp", Model = "qwen-0.5b", TtftMs = 120, PerTokenMs = 25, NoiseMs = 25, CharsPerToken = 4, WithScores = true };
    public static readonly SyntheticSeries Slow = new() { Backend = "openai", Model = "gpt-4o-mini", TtftMs = 900, PerTokenMs = 12, NoiseMs = 80, CharsPerToken = 4.2, TokensPerChunk = 3, WithScores = true };

    public static AnalysisReport TwoBackends(int n = 150) =>
        RunAnalyzer.Analyze([SyntheticRunGenerator.Generate(12, "study-replication", [Fast, Slow], n, seed: 42)],
            new AnalysisOptions { PercentileResamples = 300, FitResamples = 150 });
}
