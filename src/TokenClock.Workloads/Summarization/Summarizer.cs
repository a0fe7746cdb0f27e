using System.Globalization;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Core.Tokens;
using TokenClock.Workloads.Chunking;
using TokenClock.Workloads.Prompts;
using TokenClock.Core.Settings;

namespace TokenClock.Workloads.Summarization;

/// <summary>
/// Summarizes documents with one of three strategies, timing every call through a <see cref="RequestRecorder"/>
/// (each call is a <see cref="RequestRecord"/> tagged job/strategy/stage/step) and each job as a <see cref="JobRecord"/>.
/// <para>
/// What the user sees first (<c>first_visible</c>): stuff — the single call's first token; refine — step 1's first
/// token when drafts are shown (default), else the last step's; map-reduce — the reduce call's first token (part
/// summaries are working notes and are not shown). A document that fits one chunk is summarized with one call
/// under every strategy. first_visible is taken when the first character has been handed to the observer.
/// </para>
/// </summary>
internal sealed class Summarizer
{
    private readonly IBackend _backend;
    private readonly RequestRecorder _recorder;
    private readonly SummarizerOptions _options;
    private readonly Lock _observerLock = new();
    private readonly SemaphoreSlim _completionGate = new(1, 1);
    private int _nextIndex = -1;

    public Summarizer(IBackend backend, RequestRecorder recorder, SummarizerOptions options)
    {
        _backend = backend ?? throw new ArgumentNullException(nameof(backend));
        _recorder = recorder ?? throw new ArgumentNullException(nameof(recorder));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.SummaryWords < 1) throw new ArgumentOutOfRangeException(nameof(options), options.SummaryWords, "SummaryWords must be at least 1.");
        if (options.Parallelism < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Parallelism, "Parallelism must be at least 1.");
    }

    private ITokenCounter Tokens => _recorder.Tokens;
    private RunClock Clock => _recorder.Clock;

    /// <summary>The chunk budget for this summarizer's strategy, context and output length.</summary>
    public int ChunkBudget()
    {
        var maxOut = _options.EffectiveMaxTokens;
        var overhead = Tokens.CountTokens(SummaryPrompts.OverheadText(_options.SummaryWords));
        // Refine prompts carry the previous summary (up to max_tokens) next to the new chunk.
        var carried = _options.Strategy == SummaryStrategy.Refine ? maxOut : 0;
        var budget = ChunkingOptions.BudgetFor(_options.ContextTokens, overhead + carried, maxOut);
        return _options.ChunkTokens is { } c ? Math.Min(budget, Math.Max(8, c)) : budget;
    }

    /// <summary>Splits <paramref name="text"/> the way <see cref="SummarizeAsync"/> would.</summary>
    public IReadOnlyList<TextChunk> Chunk(string text, CancellationToken cancellationToken = default)
    {
        var budget = ChunkBudget();
        if (_options.Strategy == SummaryStrategy.Stuff)
        {
            var count = Tokens.CountTokens(text);
            if (string.IsNullOrWhiteSpace(text)) return [];
            if (count > budget)
                throw new SettingException("strategy", n => string.Create(CultureInfo.InvariantCulture,
                    $"The document has {count} tokens ({Tokens.Name}) but one call leaves room for {budget}; use {n("strategy")} refine or map-reduce, or a larger {n("context")}."));
            return [new TextChunk(0, 0, text.Length, text, count, 0)];
        }
        var overlap = _options.OverlapTokens ?? Math.Min(128, budget / 10);
        return new TokenChunker(Tokens, new ChunkingOptions(budget, Math.Min(overlap, budget / 2))).Split(text, cancellationToken);
    }

    /// <summary>Summarizes <paramref name="text"/> with the configured strategy.</summary>
    /// <param name="documentId">Stored as the <c>doc</c> tag.</param>
    /// <param name="text">The document.</param>
    /// <param name="observer">Sees each call start and end, and the text of shown calls as it arrives; null: none.</param>
    /// <param name="cancellationToken">Cancels the job.</param>
    /// <param name="requestedAtNs">Run instant of the user's request (e.g. command start); default: now.</param>
    /// <exception cref="SummaryCancelledException">Cancelled; carries the partial result.</exception>
    public async Task<SummaryResult> SummarizeAsync(
        string documentId,
        string text,
        ISummaryObserver? observer = null,
        long? requestedAtNs = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        observer ??= NullSummaryObserver.Instance;
        var state = new SummaryJobState($"{documentId}-{Guid.NewGuid().ToString("N")[..8]}", requestedAtNs ?? Clock.ElapsedNs());
        var chunks = Chunk(text, cancellationToken);
        if (chunks.Count == 0)
            throw new ArgumentException($"Document '{documentId}' is empty; nothing to summarize.", nameof(text));

        var summary = string.Empty;
        string? error = null;
        try
        {
            summary = await RunStrategyAsync(documentId, chunks, state, observer, cancellationToken).ConfigureAwait(false);
        }
        catch (SummaryStepFailedException ex) when (!cancellationToken.IsCancellationRequested)
        {
            error = ex.Message;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var partial = Build(documentId, chunks, state, string.Empty, "cancelled");
            throw new SummaryCancelledException(partial, cancellationToken);
        }
        return Build(documentId, chunks, state, summary, error);
    }

    private async Task<string> RunStrategyAsync(
        string doc, IReadOnlyList<TextChunk> chunks, SummaryJobState state, ISummaryObserver observer, CancellationToken ct)
    {
        var words = _options.SummaryWords;
        if (chunks.Count == 1)
        {
            var only = new SummaryStage(SummaryStage.StuffKind, 1, 1, Shown: true, IsFinal: true);
            return await CallAsync(doc, only, SummaryPrompts.Stuff(chunks[0].Text, words), state, observer, ct).ConfigureAwait(false);
        }

        var k = chunks.Count;
        switch (_options.Strategy)
        {
            case SummaryStrategy.Refine:
            {
                string? running = null;
                for (var i = 0; i < k; i++)
                {
                    var last = i == k - 1;
                    var stage = new SummaryStage(SummaryStage.RefineKind, i + 1, k, Shown: _options.ShowDrafts || last, IsFinal: last);
                    var prompt = running is null
                        ? SummaryPrompts.RefineFirst(chunks[i].Text, k, words)
                        : SummaryPrompts.Refine(running, chunks[i].Text, i + 1, k, words);
                    running = await CallAsync(doc, stage, prompt, state, observer, ct).ConfigureAwait(false);
                }
                return running!;
            }
            case SummaryStrategy.MapReduce:
            {
                var parts = await ParallelCallsAsync(doc, SummaryStage.MapKind,
                    chunks.Select((c, i) => SummaryPrompts.Map(c.Text, i + 1, k, words)).ToArray(), state, observer, ct).ConfigureAwait(false);
                parts = await CollapseAsync(doc, parts, state, observer, ct).ConfigureAwait(false);
                var reduce = new SummaryStage(SummaryStage.ReduceKind, 1, 1, Shown: true, IsFinal: true);
                return await CallAsync(doc, reduce, SummaryPrompts.Reduce(parts, words), state, observer, ct).ConfigureAwait(false);
            }
            default:
                throw new InvalidOperationException($"Strategy {_options.Strategy} cannot summarize {k} chunks.");
        }
    }

    // When the part summaries do not fit one reduce prompt, combine them in groups first (at most 4 rounds).
    private async Task<string[]> CollapseAsync(
        string doc, string[] parts, SummaryJobState state, ISummaryObserver observer, CancellationToken ct)
    {
        var limit = _options.ContextTokens - _options.EffectiveMaxTokens - Tokens.CountTokens(SummaryPrompts.System) - 8;
        for (var round = 0; round < 4 && parts.Length > 1 && Tokens.CountTokens(SummaryPrompts.Reduce(parts, _options.SummaryWords)) > limit; round++)
        {
            var groups = new List<List<string>> { new() };
            foreach (var p in parts)
            {
                var candidate = groups[^1].Append(p).ToList();
                if (groups[^1].Count > 0 && Tokens.CountTokens(SummaryPrompts.Reduce(candidate, _options.SummaryWords)) > limit) groups.Add([p]);
                else groups[^1] = candidate;
            }
            if (groups.Count == parts.Length) break; // each part alone fills a prompt: grouping cannot help
            parts = await ParallelCallsAsync(doc, SummaryStage.CollapseKind,
                groups.Select(g => SummaryPrompts.Reduce(g, _options.SummaryWords)).ToArray(), state, observer, ct).ConfigureAwait(false);
        }
        return parts;
    }

    private async Task<string[]> ParallelCallsAsync(
        string doc, string kind, string[] prompts, SummaryJobState state, ISummaryObserver observer, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(_options.Parallelism, _options.Parallelism);
        var tasks = prompts.Select(async (prompt, i) =>
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                var stage = new SummaryStage(kind, i + 1, prompts.Length, Shown: false, IsFinal: false);
                return await CallAsync(doc, stage, prompt, state, observer, ct).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private async Task<string> CallAsync(
        string doc, SummaryStage stage, string prompt, SummaryJobState state, ISummaryObserver observer, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var request = new BackendRequest
        {
            Prompt = prompt,
            SystemPrompt = SummaryPrompts.System,
            MaxTokens = _options.EffectiveMaxTokens,
            Temperature = _options.Temperature,
            Seed = _options.Seed,
            Tags = new Dictionary<string, string>
            {
                ["workload"] = "summarize",
                ["job"] = state.JobId,
                ["doc"] = doc,
                ["strategy"] = _options.Strategy.ToName(),
                ["stage"] = stage.Kind,
                ["step"] = stage.Step.ToString(CultureInfo.InvariantCulture),
                ["steps"] = stage.Total.ToString(CultureInfo.InvariantCulture),
                ["shown"] = stage.Shown ? "true" : "false",
                ["target_words"] = _options.SummaryWords.ToString(CultureInfo.InvariantCulture),
            },
        };
        lock (_observerLock) observer.StageStarted(stage);
        var observing = new ObservingBackend(_backend, stage, (s, t) => { lock (_observerLock) observer.TextReceived(s, t); }, Clock);
        var index = Interlocked.Increment(ref _nextIndex);
        var record = await _recorder.RecordAsync(observing, request, index, RequestPhase.Measured, Clock.ElapsedNs(), ct).ConfigureAwait(false);
        state.Add(stage, record, observing.FirstVisibleNs);

        // Serialized so observers (console, store) need no locking; the record is committed even if the job stops.
        await _completionGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await observer.RequestCompletedAsync(stage, record, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _completionGate.Release();
        }

        if (record.Succeeded) return record.OutputText ?? string.Empty;
        ct.ThrowIfCancellationRequested();
        throw new SummaryStepFailedException(stage, record);
    }

    private SummaryResult Build(string doc, IReadOnlyList<TextChunk> chunks, SummaryJobState state, string summary, string? error)
    {
        var end = Clock.ElapsedNs();
        var calls = state.Calls;
        var records = calls.Select(c => c.Record).ToArray();
        var m = new Dictionary<string, double>
        {
            ["chunks"] = chunks.Count,
            ["requests"] = records.Length,
            ["input_tokens"] = records.Sum(r => r.InputTokens() ?? 0),
            ["output_tokens"] = records.Sum(r => r.OutputTokens()),
            ["total_ms"] = (end - state.StartNs) / 1e6,
            ["summary_words"] = Quality.RougeTokenizer.CountWords(summary),
            ["summary_chars"] = summary.Length,
        };
        foreach (var (stage, r) in calls)
        {
            var key = stage.Total == 1 ? stage.Kind : string.Create(CultureInfo.InvariantCulture, $"{stage.Kind}_{stage.Step}");
            if (r.E2eMs() is { } e2e) m[key + "_ms"] = e2e;
            if (r.TtftMs() is { } ttft) m[key + "_ttft_ms"] = ttft;
        }
        AddStageWall(m, calls, SummaryStage.MapKind);
        AddStageWall(m, calls, SummaryStage.CollapseKind);
        AddStageWall(m, calls, SummaryStage.RefineKind);

        if (state.FirstVisibleNs is { } visible && state.FirstShown is { } shown)
        {
            var firstVisible = (visible - state.StartNs) / 1e6;
            var ttft = shown.TtftMs() ?? 0;
            var backendBefore = BackendBusyMs(records, shown.SentNs);
            m["first_visible_ms"] = firstVisible;
            m["shown_ttft_ms"] = ttft;
            m["wait_before_shown_ms"] = (shown.SentNs - state.StartNs) / 1e6;
            m["display_delay_ms"] = shown.FirstTokenNs is { } ft ? (visible - ft) / 1e6 : 0;
            m["backend_busy_before_shown_ms"] = backendBefore;
            // Time the user waited that no backend call accounts for: chunking, prompt building, display.
            m["pipeline_overhead_ms"] = firstVisible - ttft - backendBefore;
            foreach (var (threshold, met) in PerceivedLatency.Evaluate(firstVisible))
                m[string.Create(CultureInfo.InvariantCulture, $"within_{threshold.Milliseconds:0}ms")] = met ? 1 : 0;
        }
        if (state.FinalVisibleNs is { } finalVisible) m["final_first_visible_ms"] = (finalVisible - state.StartNs) / 1e6;

        var job = new JobRecord
        {
            JobId = state.JobId,
            Kind = "summarize",
            Backend = _backend.Descriptor.Name,
            StartNs = state.StartNs,
            FirstVisibleNs = state.FirstVisibleNs,
            EndNs = end,
            Metrics = m,
            Tags = new Dictionary<string, string>
            {
                ["doc"] = doc,
                ["strategy"] = _options.Strategy.ToName(),
                ["model"] = _backend.Descriptor.Model,
                ["target_words"] = _options.SummaryWords.ToString(CultureInfo.InvariantCulture),
                ["parallel"] = _options.Parallelism.ToString(CultureInfo.InvariantCulture),
                ["shown_first"] = state.FirstShown?.Tags.GetValueOrDefault("stage") is { } s
                    ? $"{s}:{state.FirstShown.Tags.GetValueOrDefault("step")}" : "none",
                ["tokenizer"] = Tokens.Name,
            },
            Error = error,
        };
        return new SummaryResult(summary, job, records, chunks);
    }

    private static void AddStageWall(Dictionary<string, double> m, IReadOnlyList<(SummaryStage Stage, RequestRecord Record)> calls, string kind)
    {
        var of = calls.Where(c => c.Stage.Kind == kind && c.Record.EndNs is not null).Select(c => c.Record).ToArray();
        if (of.Length < 2) return;
        m[kind + "_stage_ms"] = (of.Max(r => r.EndNs!.Value) - of.Min(r => r.SentNs)) / 1e6;
    }

    // Length of the union of [sent, end] of calls that started before the shown call, clipped at its send.
    private static double BackendBusyMs(IEnumerable<RequestRecord> records, long before)
    {
        long busy = 0, coveredTo = long.MinValue;
        foreach (var (s, e) in records.Where(r => r.SentNs < before)
                     .Select(r => (r.SentNs, Math.Min(r.EndNs ?? before, before))).OrderBy(x => x.SentNs))
        {
            var from = Math.Max(s, coveredTo);
            if (e > from) busy += e - from;
            coveredTo = Math.Max(coveredTo, e);
        }
        return busy / 1e6;
    }
}
