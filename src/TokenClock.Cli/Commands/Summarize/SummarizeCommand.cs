using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Backends;
using TokenClock.Core.ChatClients;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Storage;
using TokenClock.Workloads.Inputs;
using TokenClock.Workloads.Quality;
using TokenClock.Workloads.Summarization;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Cli.Commands.Summarize;

/// <summary>
/// <c>tokenclock summarize FILE</c>: streams the summary as it arrives, then prints first_visible (from the
/// moment the command started to the first character on screen), the thresholds it met, per-stage timings and
/// totals. Every call and the job are stored in the run store.
/// </summary>
public sealed class SummarizeCommand : AsyncCommand<SummarizeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SummarizeSettings settings, CancellationToken cancellationToken)
    {
        // The user's request starts now: file reading, tokenizer loading and chunking count toward first_visible.
        var clock = new RunClock();
        var requestedAt = clock.ElapsedNs();
        var stdout = AnsiConsole.Console;
        var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var human = settings.Json ? stderr : stdout;
        var summaryWriter = settings.Json ? Console.Error : Console.Out;

        SummaryStrategyNames.TryParse(settings.Strategy, out var strategy);
        var text = ReadText(settings.File, "FILE", cancellationToken);
        var reference = settings.Reference is null ? null : ReadText(settings.Reference, "--reference", cancellationToken);

        var registry = CliBackends.CreateRegistry();
        var auto = settings.Backend == AutoRoute.Kind;
        var routes = auto ? AutoRoute.Parse(settings.Route, registry) : [];
        var options = new BackendOptions
        {
            Kind = settings.Backend!,
            Model = auto ? AutoRoute.Kind : settings.Model!,
            BaseUrl = settings.BaseUrl,
            ApiKeyEnv = settings.ApiKeyEnv,
        };
        if (!auto)
        {
            var problems = registry.Validate(options);
            if (problems.Count > 0) throw new UsageException(string.Join("; ", problems));
        }

        // With --backend auto the calls may go to different models: chunking counts with the default tokenizer
        // unless --tokenizer names one.
        var tokens = ResolveTokenizer(options.Model, settings);
        var summarizerOptions = new SummarizerOptions
        {
            Strategy = strategy,
            SummaryWords = settings.SummaryWords,
            MaxTokens = settings.MaxTokens,
            ContextTokens = settings.Context,
            ChunkTokens = settings.ChunkTokens,
            OverlapTokens = settings.Overlap,
            Parallelism = settings.Parallel,
            ShowDrafts = !settings.FinalOnly,
        };

        await using var route = auto ? await AutoRoute.CreateAsync(routes, registry, settings.Db, settings.SummaryWords, cancellationToken) : null;
        if (route is not null)
            foreach (var note in route.PriorNotes) stderr.MarkupLine($"[grey]{Markup.Escape(note)}[/]");
        // The router's backend (a ChatClientBackend over it) leaves the router to the route's own disposal.
        await using var backend = route?.Backend ?? registry.Create(options);
        // Opening the store and capturing the environment do not delay the first request: they run beside it
        // (records wait for them), and the backend compiles its path and opens its connection meanwhile.
        // Not cancellable: a Ctrl+C while the store still opens must find a run to keep the partial job in.
        var storeTask = StartStoreAsync(settings, options, routes, strategy, summarizerOptions, tokens.Name, clock, CancellationToken.None);
        await using var storeLease = new StoreLease(storeTask);
        var summarizer = new Summarizer(backend, new RequestRecorder(clock, tokens), summarizerOptions);
        var observer = new ConsoleSummaryObserver(summaryWriter, stderr, AsSinkAsync(storeTask));
        SummaryResult result;
        try
        {
            if (route is not null) await route.PrepareAsync(1, cancellationToken);
            else if (backend is IPreparableBackend preparable) await preparable.PrepareAsync(1, cancellationToken);
            result = await summarizer.SummarizeAsync(Path.GetFileNameWithoutExtension(settings.File), text, observer, requestedAt, cancellationToken);
        }
        catch (SummaryCancelledException cancelled)
        {
            var (cancelledStore, cancelledRun) = await storeTask;
            await cancelledStore.AppendJobAsync(cancelledRun, cancelled.Partial.Job, CancellationToken.None);
            await cancelledStore.FinishRunAsync(cancelledRun, RunStatus.Interrupted, CancellationToken.None);
            // A script reading --json gets one document either way, saying what was kept.
            if (settings.Json) SummaryReport.WriteJson(Console.Out, cancelled.Partial.Job, cancelled.Partial, cancelledRun, "interrupted");
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled before the first call (while connections opened): nothing was measured.
            var (interruptedStore, interruptedRun) = await storeTask;
            await interruptedStore.FinishRunAsync(interruptedRun, RunStatus.Interrupted, CancellationToken.None);
            if (settings.Json)
                Console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?> { ["run_id"] = interruptedRun, ["status"] = "interrupted", ["calls"] = Array.Empty<object>() },
                    new JsonSerializerOptions { WriteIndented = true }));
            throw;
        }
        catch (ArgumentException ex)
        {
            var (failedStore, failedRun) = await storeTask;
            await failedStore.FinishRunAsync(failedRun, RunStatus.Failed, CancellationToken.None);
            throw new UsageException(CliSettingNames.Describe(ex));
        }

        summaryWriter.WriteLine();
        var (store, runId) = await storeTask;
        var job = result.Job;
        RougeScores? rouge = reference is null || !result.Succeeded ? null : Rouge.Score(result.Summary, reference);
        if (rouge is not null)
            job = job with
            {
                Metrics = new Dictionary<string, double>(job.Metrics)
                {
                    ["rouge1"] = rouge.Rouge1.F1, ["rouge2"] = rouge.Rouge2.F1, ["rougeL"] = rouge.RougeL.F1,
                },
            };
        job = job with { Metrics = new Dictionary<string, double>(job.Metrics) { ["compression"] = CompressionRatio.Of(result.Summary, text) } };
        if (route is not null)
        {
            var metrics = new Dictionary<string, double>(job.Metrics);
            foreach (var (k, v) in route.Metrics()) metrics[k] = v;
            job = job with { Metrics = metrics };
        }
        if (settings.JudgeBackend is not null && result.Succeeded)
        {
            // After the job's timing window closed; the judge's calls are not recorded.
            var judgeOptions = new BackendOptions { Kind = settings.JudgeBackend, Model = settings.JudgeModel!, BaseUrl = settings.JudgeBaseUrl };
            var judgeProblems = registry.Validate(judgeOptions);
            if (judgeProblems.Count > 0) throw new UsageException("--judge-backend: " + string.Join("; ", judgeProblems));
            try
            {
                await using var judgeBackend = registry.Create(judgeOptions);
                using var judgeClient = new BackendChatClient(judgeBackend);
                var judged = await new SummaryJudge(judgeClient).ScoreAsync(text, result.Summary, cancellationToken);
                var metrics = new Dictionary<string, double>(job.Metrics);
                foreach (var (k, v) in judged) metrics[k] = v;
                job = job with { Metrics = metrics };
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failing judge must not lose the measured job.
                stderr.MarkupLine($"[yellow]warning:[/] judge failed, no judge scores: {Markup.Escape(ex.Message)}");
            }
        }
        await store.AppendJobAsync(runId, job, CancellationToken.None);
        await store.FinishRunAsync(runId, result.Succeeded ? RunStatus.Completed : RunStatus.Failed, CancellationToken.None);

        SummaryReport.WriteHuman(human, job, result, runId, settings.Db);
        if (settings.Json) SummaryReport.WriteJson(Console.Out, job, result, runId, result.Succeeded ? "completed" : "failed");
        if (!result.Succeeded)
        {
            Console.Error.WriteLine($"error: {job.Error}");
            return ExitCodes.Error;
        }
        return ExitCodes.Ok;
    }

    private static async Task<(SqliteRunStore Store, long RunId)> StartStoreAsync(SummarizeSettings settings, BackendOptions options,
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
                Environment = CliEnvironment.Capture(probeIfMissing: false),
            }, cancellationToken);
            return (store, runId);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    private static async Task<(IResultSink Sink, long RunId)> AsSinkAsync(Task<(SqliteRunStore Store, long RunId)> setup)
    {
        var (store, runId) = await setup;
        return (store, runId);
    }

    /// <summary>Disposes the store once its set-up task has finished, however the command ends.</summary>
    private sealed class StoreLease(Task<(SqliteRunStore Store, long RunId)> setup) : IAsyncDisposable
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

    private static Core.Tokens.ITokenCounter ResolveTokenizer(string model, SummarizeSettings settings)
    {
        try
        {
            return TokenizerResolver.Default.Resolve(model, settings.Tokenizer);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"--tokenizer: {ex.Message}");
        }
    }

    private static string ReadText(string path, string flag, CancellationToken cancellationToken)
    {
        try
        {
            return TextInput.Read(path, TextInput.MaxBytes, cancellationToken);
        }
        catch (TextInputException ex)
        {
            throw new UsageException($"{flag} '{path}' {ex.Message}.");
        }
    }
}
