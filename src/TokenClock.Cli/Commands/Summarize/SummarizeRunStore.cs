using System.Text.Json;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Storage;
using TokenClock.Workloads.Summarization;

namespace TokenClock.Cli.Commands.Summarize;

/// <summary>The SQLite run a <c>summarize</c> job is stored in: its spec (the flags that shaped the job) and the
/// machine it ran on, set up beside the first call.</summary>
internal static class SummarizeRunStore
{
    public static async Task<(SqliteRunStore Store, long RunId)> StartAsync(SummarizeSettings settings, BackendOptions options,
        IReadOnlyList<BackendOptions> routes, SummaryStrategy strategy, SummarizerOptions summarizerOptions, string tokenizer, RunClock clock, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var store = await SqliteRunStore.OpenAsync(settings.Db, cancellationToken);
        try
        {
            var runId = await store.StartRunAsync(new RunInfo
            {
                Name = $"summarize {Path.GetFileName(settings.File)}",
                StartedUtc = clock.StartedUtc,
                SpecJson = JsonSerializer.Serialize(new
                {
                    command = "summarize",
                    file = Path.GetFileName(settings.File),
                    backend = options.Kind,
                    model = options.Model,
                    base_url = options.BaseUrl,
                    routes = routes.Count == 0 ? null : routes.Select(r => new { backend = r.Kind, model = r.Model, base_url = r.BaseUrl }).ToArray(),
                    strategy = strategy.ToName(),
                    parallel = settings.Parallel,
                    summary_words = settings.SummaryWords,
                    max_tokens = summarizerOptions.EffectiveMaxTokens,
                    context = settings.Context,
                    chunk_tokens = settings.ChunkTokens,
                    overlap = settings.Overlap,
                    tokenizer,
                }),
                Environment = CliEnvironment.Capture(probeIfMissing: false, TextWriter.Null), // no probe is measured here, so nothing to warn about
            }, cancellationToken);
            return (store, runId);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    public static async Task<(IResultSink Sink, long RunId)> AsSinkAsync(Task<(SqliteRunStore Store, long RunId)> setup)
    {
        var (store, runId) = await setup;
        return (store, runId);
    }

    /// <summary>Disposes the store once its set-up task has finished, however the command ends.</summary>
    public sealed class Lease(Task<(SqliteRunStore Store, long RunId)> setup) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await setup;
            }
            catch (Exception) when (!setup.IsCompletedSuccessfully)
            {
                return; // The set-up failed; its error surfaced where the command awaited it.
            }
            await setup.Result.Store.DisposeAsync();
        }
    }
}
