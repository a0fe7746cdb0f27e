using Microsoft.Extensions.AI;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Workloads.Quality;

namespace TokenClock.Workloads.Summarization;

/// <summary>
/// Summarizes one document as a measured, stored job: opens the backend's connections, runs the
/// <see cref="Summarizer"/> committing every call to the run as it completes, scores the result (compression,
/// ROUGE against a reference, an optional LLM judge after the timed window, extra metrics such as a router's
/// choices), stores the job and finishes the run. A cancelled or failed job is still stored, and the run says so.
/// Front ends (the CLI's <c>summarize</c>) parse their options, set up the run and print; they do not orchestrate.
/// </summary>
public sealed class SummarizationSession
{
    private readonly IBackend _backend;
    private readonly RequestRecorder _recorder;
    private readonly SummarizerOptions _options;

    /// <param name="backend">Answers every call.</param>
    /// <param name="recorder">Times the calls on the run's clock and counts their tokens.</param>
    /// <param name="options">Strategy, lengths and context of the summarizer.</param>
    public SummarizationSession(IBackend backend, RequestRecorder recorder, SummarizerOptions options)
    {
        _backend = backend ?? throw new ArgumentNullException(nameof(backend));
        _recorder = recorder ?? throw new ArgumentNullException(nameof(recorder));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>Opens connections before the first call; default: <see cref="IPreparableBackend.PrepareAsync"/> with one connection.</summary>
    public Func<CancellationToken, Task>? Prepare { get; init; }

    /// <summary>Metrics added to the job after the calls (e.g. calls answered per routed backend).</summary>
    public Func<IReadOnlyDictionary<string, double>>? ExtraMetrics { get; init; }

    /// <summary>Creates an LLM judge (coherence, groundedness), asked after the job's timing window closed; its
    /// calls are not recorded. A judge that fails leaves a warning, never loses the measured job.</summary>
    public Func<IChatClient>? Judge { get; init; }

    /// <summary>Summarizes, scores and stores one document.</summary>
    /// <param name="request">The document and its reference summary.</param>
    /// <param name="observer">Sees each call start and end, and the text of shown calls as it arrives; null: none.</param>
    /// <param name="cancellationToken">Cancels the job; what was measured is still stored.</param>
    /// <param name="run">The run the calls and the job go to, set up beside the first call (awaited only when a
    /// record is committed). The caller owns the sink.</param>
    /// <exception cref="SummaryCancelledException">Cancelled mid-job: the partial job is stored, the run interrupted.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the first call: the run is interrupted.</exception>
    /// <exception cref="ArgumentException">The document cannot be summarized with these options: the run failed.</exception>
    public async Task<SummarizationOutcome> RunAsync(SummarizationRequest request, Task<(IResultSink Sink, long RunId)> run,
        ISummaryObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(run);
        var summarizer = new Summarizer(_backend, _recorder, _options);
        var storing = new StoringSummaryObserver(observer ?? NullSummaryObserver.Instance, run);
        SummaryResult result;
        try
        {
            if (Prepare is { } prepare) await prepare(cancellationToken).ConfigureAwait(false);
            else if (_backend is IPreparableBackend preparable) await preparable.PrepareAsync(1, cancellationToken).ConfigureAwait(false);
            result = await summarizer.SummarizeAsync(request.DocumentId, request.Text, storing, request.RequestedAtNs, cancellationToken).ConfigureAwait(false);
        }
        catch (SummaryCancelledException cancelled)
        {
            // Not cancellable: what was measured before the cancel is kept.
            var (sink, runId) = await run.ConfigureAwait(false);
            await sink.AppendJobAsync(runId, cancelled.Partial.Job, CancellationToken.None).ConfigureAwait(false);
            await sink.FinishRunAsync(runId, RunStatus.Interrupted, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled before the first call (while connections opened): nothing was measured.
            var (sink, runId) = await run.ConfigureAwait(false);
            await sink.FinishRunAsync(runId, RunStatus.Interrupted, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (ArgumentException)
        {
            var (sink, runId) = await run.ConfigureAwait(false);
            await sink.FinishRunAsync(runId, RunStatus.Failed, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var (store, id) = await run.ConfigureAwait(false);
        var warnings = new List<string>();
        var job = await ScoreAsync(result, request, warnings, cancellationToken).ConfigureAwait(false);
        await store.AppendJobAsync(id, job, CancellationToken.None).ConfigureAwait(false);
        await store.FinishRunAsync(id, result.Succeeded ? RunStatus.Completed : RunStatus.Failed, CancellationToken.None).ConfigureAwait(false);
        return new SummarizationOutcome(job, result, id, warnings);
    }

    private async Task<JobRecord> ScoreAsync(SummaryResult result, SummarizationRequest request, List<string> warnings, CancellationToken cancellationToken)
    {
        var metrics = new Dictionary<string, double>(result.Job.Metrics);
        if (request.Reference is { } reference && result.Succeeded)
        {
            var rouge = Rouge.Score(result.Summary, reference);
            metrics["rouge1"] = rouge.Rouge1.F1;
            metrics["rouge2"] = rouge.Rouge2.F1;
            metrics["rougeL"] = rouge.RougeL.F1;
        }
        metrics["compression"] = CompressionRatio.Of(result.Summary, request.Text);
        if (ExtraMetrics is { } extra)
            foreach (var (k, v) in extra()) metrics[k] = v;
        if (Judge is { } createJudge && result.Succeeded)
        {
            try
            {
                using var judge = createJudge();
                foreach (var (k, v) in await new SummaryJudge(judge).ScoreAsync(request.Text, result.Summary, cancellationToken).ConfigureAwait(false))
                    metrics[k] = v;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                warnings.Add($"judge failed, no judge scores: {ex.Message}");
            }
        }
        return result.Job with { Metrics = metrics };
    }
}
