using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Core.Backends;
using TokenClock.Core.ChatClients;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Workloads.Inputs;
using TokenClock.Workloads.Summarization;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Cli.Commands.Summarize;

/// <summary>
/// <c>tokenclock summarize FILE</c>: streams the summary as it arrives, then prints first_visible (from the
/// moment the command started to the first character on screen), the thresholds it met, per-stage timings and
/// totals. The job itself (calls, storing, scoring) is the library's <see cref="SummarizationSession"/>; this
/// command parses the flags, sets up the backend and the run, and prints.
/// </summary>
public sealed class SummarizeCommand(CliConsoles consoles, BackendRegistry registry) : AsyncCommand<SummarizeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SummarizeSettings settings, CancellationToken cancellationToken)
    {
        Run.RunCommand.RejectUnknown(context);
        // The user's request starts now: file reading, tokenizer loading and chunking count toward first_visible.
        var clock = new RunClock();
        var requestedAt = clock.ElapsedNs();
        var stderr = consoles.Error;
        var human = settings.Json ? stderr : consoles.Out;
        var summaryWriter = settings.Json ? consoles.ErrorWriter : consoles.OutWriter;

        SummaryStrategyNames.TryParse(settings.Strategy, out var strategy);
        var text = ReadText(settings.File, "FILE", cancellationToken);
        var reference = settings.Reference is null ? null : ReadText(settings.Reference, "--reference", cancellationToken);

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
        var judge = JudgeOptions(settings);

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
        var storeTask = SummarizeRunStore.StartAsync(settings, options, routes, strategy, summarizerOptions, tokens.Name, clock, CancellationToken.None);
        await using var storeLease = new SummarizeRunStore.Lease(storeTask);
        var session = new SummarizationSession(backend, new RequestRecorder(clock, tokens), summarizerOptions)
        {
            Prepare = route is null ? null : ct => route.PrepareAsync(1, ct),
            ExtraMetrics = route is null ? null : route.Metrics,
            Judge = judge is null ? null : () => new BackendChatClient(registry.Create(judge), ownsBackend: true),
        };
        // A long command says what it does: on stderr, when a person watches it or --progress asks.
        await using var progress = settings.Progress || consoles.ErrorIsTerminal
            ? ProgressHeartbeat.Start(consoles.ErrorWriter, string.Create(CultureInfo.InvariantCulture,
                $"summarize: {Path.GetFileName(settings.File)} ({text.Length} characters), {strategy.ToName()} via {options.DisplayName}"))
            : null;
        ISummaryObserver observer = new ConsoleSummaryObserver(summaryWriter, stderr);
        if (progress is not null) observer = new ProgressSummaryObserver(observer, progress);
        var request = new SummarizationRequest
        {
            DocumentId = Path.GetFileNameWithoutExtension(settings.File), Text = text, Reference = reference, RequestedAtNs = requestedAt,
        };
        SummarizationOutcome outcome;
        try
        {
            outcome = await session.RunAsync(request, SummarizeRunStore.AsSinkAsync(storeTask), observer, cancellationToken);
        }
        catch (SummaryCancelledException cancelled)
        {
            // A script reading --json gets one document either way, saying what was kept.
            if (settings.Json) SummaryReport.WriteJson(consoles.OutWriter, cancelled.Partial.Job, cancelled.Partial, (await storeTask).RunId, "interrupted");
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (settings.Json)
                consoles.OutWriter.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?> { ["run_id"] = (await storeTask).RunId, ["status"] = "interrupted", ["calls"] = Array.Empty<object>() },
                    new JsonSerializerOptions { WriteIndented = true }));
            throw;
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(CliSettingNames.Describe(ex));
        }
        if (progress is not null) await progress.DisposeAsync();

        summaryWriter.WriteLine();
        foreach (var warning in outcome.Warnings) stderr.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
        var (job, result, runId) = (outcome.Job, outcome.Result, outcome.RunId);
        SummaryReport.WriteHuman(human, job, result, runId, settings.Db);
        if (settings.Json) SummaryReport.WriteJson(consoles.OutWriter, job, result, runId, result.Succeeded ? "completed" : "failed");
        if (!result.Succeeded)
        {
            consoles.ErrorWriter.WriteLine($"error: {job.Error}");
            return ExitCodes.Error;
        }
        return ExitCodes.Ok;
    }

    // Checked before the timed job: a judge flag that cannot take effect is refused before anything is measured.
    private BackendOptions? JudgeOptions(SummarizeSettings settings)
    {
        if (settings.JudgeBackend is null) return null;
        var judge = new BackendOptions { Kind = settings.JudgeBackend, Model = settings.JudgeModel!, BaseUrl = settings.JudgeBaseUrl };
        var problems = registry.Validate(judge);
        if (problems.Count > 0) throw new UsageException("--judge-backend: " + string.Join("; ", problems));
        return judge;
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
