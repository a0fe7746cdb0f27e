using TokenClock.Core.Backends;
using TokenClock.Core.Http;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Core.Tokens;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;
using TokenClock.Storage;
using TokenClock.Workloads.Summarization;
using TokenClock.Workloads.Tests.TestSupport;

namespace TokenClock.Workloads.Tests.Summarization;

/// <summary>
/// The summarize orchestration without the CLI: a real loopback simulator answers the calls over HTTP, a real SQLite
/// file stores the run. Every call and the job are stored, the job is scored, and a cancelled job is kept.
/// </summary>
public sealed class SummarizationSessionTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-session-").FullName;
    private TokenClockServer? _server;

    public async Task InitializeAsync() =>
        _server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile
        {
            Model = "sim-session", Ttft = LatencyDistribution.Fixed(20), Tpot = LatencyDistribution.Fixed(2), OutputTokens = LatencyDistribution.Fixed(12),
        });

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private IBackend Backend() => HttpBackends.Register(new BackendRegistry()).Create(new BackendOptions
    {
        Kind = "openai-compatible", Model = "sim-session", BaseUrl = _server!.OpenAIBaseUrl.ToString(),
    });

    private static SummarizerOptions MapReduce => new()
    {
        Strategy = SummaryStrategy.MapReduce, SummaryWords = 20, ContextTokens = 1024, ChunkTokens = 120, Parallelism = 2,
    };

    private static async Task<(SqliteRunStore Store, long RunId)> StartRunAsync(string db)
    {
        var store = await SqliteRunStore.OpenAsync(db);
        return (store, await store.StartRunAsync(new RunInfo { Name = "session", StartedUtc = DateTimeOffset.UtcNow, SpecJson = "{}", Environment = EnvironmentInfo.Capture() }));
    }

    private static async Task<(IResultSink, long)> AsSink(Task<(SqliteRunStore Store, long RunId)> run)
    {
        var (store, id) = await run;
        return (store, id);
    }

    [Fact]
    public async Task A_map_reduce_job_over_http_stores_every_call_and_the_scored_job_and_completes_the_run()
    {
        var db = Path.Combine(_folder, "ok.db");
        var setup = StartRunAsync(db);
        await using var backend = Backend();
        var session = new SummarizationSession(backend, new RequestRecorder(new RunClock(), new ApproximateTokenCounter()), MapReduce)
        {
            ExtraMetrics = () => new Dictionary<string, double> { ["route.test.calls"] = 7 },
            Judge = () => throw new InvalidOperationException("judge unreachable"),
        };
        var text = SampleText.Paragraphs(6);

        var outcome = await session.RunAsync(new SummarizationRequest { DocumentId = "doc", Text = text, Reference = "The committee reviewed a rail line." },
            AsSink(setup));
        await (await setup).Store.DisposeAsync();

        Assert.True(outcome.Succeeded, outcome.Job.Error);
        Assert.True(outcome.Result.Chunks.Count > 1, "the document should need several map calls");
        Assert.Equal(outcome.Result.Chunks.Count + 1, outcome.Result.Requests.Count(r => r.Succeeded)); // maps + reduce (no collapse at this size)
        Assert.All(outcome.Result.Requests, r => Assert.Equal("sim-session", r.ResponseModel)); // answered on the wire by the simulator
        Assert.Contains("compression", outcome.Job.Metrics.Keys);
        Assert.Contains("rouge1", outcome.Job.Metrics.Keys);
        Assert.Equal(7, outcome.Job.Metrics["route.test.calls"]);
        Assert.Contains(outcome.Warnings, w => w.Contains("judge unreachable", StringComparison.Ordinal));

        await using var read = await SqliteRunStore.OpenReadOnlyAsync(db);
        Assert.Equal(RunStatus.Completed, (await read.GetRunAsync(outcome.RunId))!.Status);
        Assert.Equal(outcome.Result.Requests.Count, (await read.GetRequestsAsync(outcome.RunId)).Count);
        var job = Assert.Single(await read.GetJobsAsync(outcome.RunId));
        Assert.Equal(outcome.Job.Metrics["compression"], job.Metrics["compression"], 9);
        Assert.Equal(7, job.Metrics["route.test.calls"]);
    }

    [Fact]
    public async Task A_job_cancelled_mid_way_keeps_its_finished_calls_and_the_run_says_interrupted()
    {
        var db = Path.Combine(_folder, "cancel.db");
        var setup = StartRunAsync(db);
        await using var backend = Backend();
        using var cts = new CancellationTokenSource();
        var session = new SummarizationSession(backend, new RequestRecorder(new RunClock(), new ApproximateTokenCounter()), MapReduce with { Parallelism = 1 });
        var observer = new CancelAfterFirstCall(cts);

        var ex = await Assert.ThrowsAsync<SummaryCancelledException>(() =>
            session.RunAsync(new SummarizationRequest { DocumentId = "doc", Text = SampleText.Paragraphs(6) }, AsSink(setup), observer, cts.Token));
        var (store, runId) = await setup;
        await store.DisposeAsync();

        await using var read = await SqliteRunStore.OpenReadOnlyAsync(db);
        Assert.Equal(RunStatus.Interrupted, (await read.GetRunAsync(runId))!.Status);
        Assert.Contains(await read.GetRequestsAsync(runId), r => r.Succeeded);
        var job = Assert.Single(await read.GetJobsAsync(runId));
        Assert.Equal(ex.Partial.Job.Error, job.Error);
    }

    /// <summary>Cancels once the first call has completed (and been stored).</summary>
    private sealed class CancelAfterFirstCall(CancellationTokenSource cts) : ISummaryObserver
    {
        public void StageStarted(SummaryStage stage) { }

        public void TextReceived(SummaryStage stage, string text) { }

        public ValueTask RequestCompletedAsync(SummaryStage stage, RequestRecord record, CancellationToken cancellationToken)
        {
            cts.Cancel();
            return ValueTask.CompletedTask;
        }
    }

}
