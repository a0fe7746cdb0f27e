using TokenClock.Core.Backends;
using TokenClock.Core.Load;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Core.Tokens;
using TokenClock.Core.Workloads;

namespace TokenClock.Core.Experiments;

/// <summary>
/// Runs a validated experiment as ONE stored run: cells (backend × model × settings) one after another on one
/// run clock (or, with <see cref="ExperimentSpec.Interleave"/>, alternating request by request), each request written to the sink as it completes, progress reported after each request.
/// Never writes to the console. On cancellation the run is marked interrupted and
/// <see cref="RunCancelledException"/> is thrown; on any other failure it is marked failed and the error propagates.
/// </summary>
public sealed class ExperimentRunner(BackendRegistry backends, WorkloadRegistry workloads, IResultSink sink)
{
    /// <summary>Counts tokens locally for backends that <see cref="TokensFor"/> gives no counter for; the approximate counter by default.</summary>
    public ITokenCounter Tokens { get; init; } = new ApproximateTokenCounter();
    /// <summary>
    /// The local tokenizer for a backend (the model's own vocabulary, o200k for OpenAI models...);
    /// <see cref="Tokens"/> when null or when it returns null.
    /// </summary>
    public Func<BackendOptions, ITokenCounter?>? TokensFor { get; init; }
    /// <summary>
    /// Adjusts a backend's options given every backend of the run, before it is created
    /// (the CLI isolates local models in child processes when a run has several).
    /// </summary>
    public Func<BackendOptions, IReadOnlyList<BackendOptions>, BackendOptions>? PrepareBackend { get; init; }
    /// <summary>The clock source of the run clock that timestamps every request; the system clock by default.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
    /// <summary>Provenance stored with the run; captured from this machine when null.</summary>
    public EnvironmentInfo? Environment { get; init; }

    /// <summary>
    /// Runs points chosen by <paramref name="planner"/> (one backend; the spec's settings are the template the
    /// planner varies) as cells of one stored run, until it returns null. Stops the same way on cancellation.
    /// </summary>
    public Task<ExperimentResult> RunPlannedAsync(ExperimentSpec spec, ILoadPlanner planner, IProgress<RunProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(planner);
        if (spec.Backends.Count != 1)
            throw new ArgumentException($"a planned experiment (sweep, capacity search) runs one backend; this spec has {spec.Backends.Count}", nameof(spec));
        return RunCoreAsync(spec, planner, progress, cancellationToken);
    }

    /// <summary>Runs every cell of <paramref name="spec"/> as one stored run and returns what was measured.</summary>
    /// <param name="spec">A validated spec without a <c>cluster:</c> block (that runs through the coordinator; this refuses it).</param>
    /// <param name="progress">Told after each request; null for none.</param>
    /// <param name="cancellationToken">Stops the run: finished requests are kept and <see cref="RunCancelledException"/> is thrown.</param>
    public Task<ExperimentResult> RunAsync(ExperimentSpec spec, IProgress<RunProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return RunCoreAsync(spec, null, progress, cancellationToken);
    }

    private async Task<ExperimentResult> RunCoreAsync(ExperimentSpec spec, ILoadPlanner? planner, IProgress<RunProgress>? progress,
        CancellationToken cancellationToken)
    {
        // A cluster: block run here would silently measure from this one process instead of the workers.
        if (spec.Cluster is not null)
            throw new ArgumentException("this spec has a cluster: block; it runs on distributed workers through `tokenclock run` (the coordinator), not in this process", nameof(spec));
        var cells = spec.Cells();
        var sources = cells.Select(c => workloads.Create(c.Settings.Workload, c.Settings.Request.ForCell(c.Index), c.Backend)).ToArray();
        // Each backend is disposed after its last cell, so an isolated local model frees its memory before the next starts.
        var lastCell = new Dictionary<BackendOptions, int>(ReferenceEqualityComparer.Instance);
        foreach (var cell in cells) lastCell[cell.Backend] = cell.Index;

        // Build every backend before the run starts, so a construction error sends nothing.
        var created = new Dictionary<BackendOptions, IBackend>(ReferenceEqualityComparer.Instance);
        try
        {
            foreach (var cell in cells)
            {
                if (created.ContainsKey(cell.Backend)) continue;
                var options = cell.Backend.Timeout is null ? cell.Backend with { Timeout = cell.Settings.Load.Timeout } : cell.Backend;
                options = options with { ConnectTimeout = options.ConnectTimeout ?? cell.Settings.Limits.Connect };
                if (PrepareBackend is not null) options = PrepareBackend(options, cells.Select(c => c.Backend).Distinct().ToArray());
                created[cell.Backend] = backends.Create(options);
            }

            var clock = new RunClock(Time);
            var info = new RunInfo
            {
                Name = spec.Name,
                StartedUtc = clock.StartedUtc,
                SpecJson = ExperimentSpecJson.Serialize(spec),
                Environment = Environment ?? EnvironmentInfo.Capture(),
            };
            var runId = await sink.StartRunAsync(info, cancellationToken).ConfigureAwait(false);
            var total = planner is null && cells.All(c => c.Settings.Load.TotalRequests is not null)
                ? cells.Sum(c => ExpectedRecords(c.Settings.Load.TotalRequests!.Value, sources[c.Index]))
                : (int?)null;
            var tracker = new ProgressTracker(runId, planner is null ? cells.Count : 0, total, clock, progress);

            var results = new List<CellResult>(cells.Count);
            try
            {
                if (planner is not null)
                {
                    await RunPlanAsync(spec, planner, created[spec.Backends[0]], clock, runId, tracker, results, cancellationToken).ConfigureAwait(false);
                    cells = [];
                }
                if (spec.Interleave && cells.Count > 1)
                {
                    await RunInterleavedAsync(cells, created, sources, clock, runId, tracker, results, cancellationToken).ConfigureAwait(false);
                    cells = [];
                }
                foreach (var cell in cells)
                {
                    var result = await RunCellAsync(cell, created[cell.Backend], sources[cell.Index], clock, runId, tracker, null, cancellationToken).ConfigureAwait(false);
                    results.Add(new CellResult(cell, result));
                    if (lastCell[cell.Backend] == cell.Index && created.Remove(cell.Backend, out var done))
                        await done.DisposeAsync().ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await sink.FinishRunAsync(runId, RunStatus.Interrupted, CancellationToken.None).ConfigureAwait(false);
                throw new RunCancelledException(runId, cancellationToken);
            }
            catch
            {
                await sink.FinishRunAsync(runId, RunStatus.Failed, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            await sink.FinishRunAsync(runId, RunStatus.Completed, CancellationToken.None).ConfigureAwait(false);
            return new ExperimentResult(runId, RunStatus.Completed, results);
        }
        finally
        {
            foreach (var backend in created.Values)
                await backend.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Records a cell will store: one per request, or one per turn when its indices are multi-turn sessions.</summary>
    private static int ExpectedRecords(int requests, IRequestSource source)
    {
        if (source is not ISessionSource sessions) return requests;
        long sum = 0;
        for (var i = 0; i < requests; i++) sum += sessions.TurnCount(i);
        return (int)Math.Min(sum, int.MaxValue);
    }

    private async Task RunPlanAsync(ExperimentSpec spec, ILoadPlanner planner, IBackend backend, RunClock clock, long runId,
        ProgressTracker tracker, List<CellResult> results, CancellationToken ct)
    {
        var done = new List<PlannedPoint>();
        var options = spec.Backends[0];
        // Bounded: a planner ends its plan, and a run can hold at most this many cells anyway.
        for (var i = 0; i < 10_000 && planner.Next(done) is { } settings; i++)
        {
            var cell = new ExperimentCell(i, $"{options.DisplayName} [{settings.Label ?? settings.Load.Pattern.ToString()}]", options, settings);
            var source = workloads.Create(settings.Workload, settings.Request.ForCell(i), options);
            var records = new List<RequestRecord>();
            var load = await RunCellAsync(cell, backend, source, clock, runId, tracker, records, ct).ConfigureAwait(false);
            results.Add(new CellResult(cell, load));
            done.Add(new PlannedPoint(cell, load, records));
        }
    }

    /// <summary>All cells at once, taking turns request by request; each leaves the rotation when it is done.</summary>
    private async Task RunInterleavedAsync(IReadOnlyList<ExperimentCell> cells, Dictionary<BackendOptions, IBackend> created,
        IRequestSource[] sources, RunClock clock, long runId, ProgressTracker tracker, List<CellResult> results, CancellationToken ct)
    {
        var turns = new RequestTurns(cells.Count);
        var runs = cells.Select((cell, i) => Task.Run(async () =>
        {
            var turn = turns.For(i);
            try
            {
                return await RunCellAsync(cell, created[cell.Backend], sources[cell.Index], clock, runId, tracker, null, ct, turn).ConfigureAwait(false);
            }
            finally
            {
                turn.Leave();
            }
        }, CancellationToken.None)).ToArray();
        var loads = await Task.WhenAll(runs).ConfigureAwait(false);
        results.AddRange(cells.Select((cell, i) => new CellResult(cell, loads[i])));
    }

    private async Task<LoadResult> RunCellAsync(ExperimentCell cell, IBackend backend, IRequestSource source, RunClock clock, long runId,
        ProgressTracker tracker, List<RequestRecord>? keep, CancellationToken ct, RequestTurn? turn = null)
    {
        if (turn is null) tracker.EnterCell(cell);
        var loadOptions = cell.Backend.Timeout is { } t ? cell.Settings.Load with { Timeout = t } : cell.Settings.Load;
        var tags = LoadTags.For(loadOptions.Pattern);
        var load = new LoadRunner(new RequestRecorder(clock, TokensFor?.Invoke(cell.Backend) ?? Tokens) { Limits = cell.Settings.Limits }) { Turn = turn };
        return await load.RunAsync(backend, source, loadOptions, async (record, token) =>
        {
            if (!string.Equals(record.Backend, cell.Label, StringComparison.Ordinal))
                record = record with { Backend = cell.Label };
            record = LoadTags.Apply(record, tags);
            await sink.AppendAsync(runId, record, token).ConfigureAwait(false);
            if (keep is not null) lock (keep) keep.Add(record);
            tracker.Add(record);
        }, ct).ConfigureAwait(false);
    }
}
