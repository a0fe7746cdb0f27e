using TokenClock.Analysis.Synthetic;
using TokenClock.Storage;

namespace TokenClock.Cli.Tests.Testing;

/// <summary>Completed runs written through the real store from the seeded synthetic generator, so listings and
/// exports of them are the same on every machine.</summary>
internal static class SeededRuns
{
    /// <summary>Runs "seeded-1" (TTFT 100 ms) and "seeded-2" (130 ms) of model m on backend b, ids 1 and 2.</summary>
    public static async Task WriteTwoAsync(string db, int requestsEach)
    {
        foreach (var (seed, ttft) in new[] { (1UL, 100.0), (2UL, 130.0) })
            await WriteAsync(db, $"seeded-{seed}", new SyntheticSeries { Backend = "b", Model = "m", TtftMs = ttft, PerTokenMs = 12.5, NoiseMs = 7.25 }, requestsEach, seed);
    }

    /// <summary>One completed run; returns its id.</summary>
    public static async Task<long> WriteAsync(string db, string name, SyntheticSeries series, int requests, ulong seed)
    {
        await using var store = await SqliteRunStore.OpenAsync(db);
        var run = SyntheticRunGenerator.Generate(0, name, [series], requests, seed: seed);
        var id = await store.StartRunAsync(run.Run.Info);
        foreach (var r in run.Requests) await store.AppendAsync(id, r);
        await store.FinishRunAsync(id, Core.Results.RunStatus.Completed);
        return id;
    }
}
