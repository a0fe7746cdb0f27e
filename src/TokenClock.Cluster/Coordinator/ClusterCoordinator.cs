using System.Globalization;
using Orleans;
using TokenClock.Cluster.Contracts;
using TokenClock.Cluster.Progress;
using TokenClock.Core.Experiments;
using TokenClock.Core.Load.Sharding;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Core.Settings;

namespace TokenClock.Cluster.Coordinator;

/// <summary>
/// Runs an experiment on the cluster's live workers as ONE stored run: measures each worker's clock offset
/// (refusing one beyond the limit), splits each cell's load with <see cref="ShardPlanner"/>, prepares every
/// shard, starts them all at one agreed instant, and stores the records they stream back on this run's clock,
/// each with its worker. A worker that dies keeps what it reported; its unreported share is stored as
/// worker_lost errors and the run still completes. Never writes to the console; progress goes to the callback.
/// </summary>
public sealed class ClusterCoordinator(ClusterClient cluster, CoordinatorOptions options)
{
    /// <summary>Live TTFT histograms of the measured requests received so far, per worker; for progress only.</summary>
    public MergedLatency Latency { get; } = new();

    internal async Task<IReadOnlyList<WorkerLink>> ConnectWorkersAsync(CancellationToken ct)
    {
        var silos = await cluster.DiscoverAsync(options.MinWorkers, options.DiscoveryTimeout, ct).ConfigureAwait(false);
        var links = new List<WorkerLink>(silos.Count);
        foreach (var silo in silos)
        {
            var grain = cluster.Worker(silo);
            var name = await grain.GetNameAsync().WaitAsync(ct).ConfigureAwait(false);
            if (links.FirstOrDefault(l => l.Name == name) is { } twin)
                throw new SettingStateException("worker_name", n => $"workers {twin.Silo} and {silo} are both named '{name}'; give each worker its own {n("worker_name")}");
            var samples = new List<(long, long, long)>(options.ClockSamples);
            for (var i = 0; i < options.ClockSamples; i++)
            {
                var before = DateTime.UtcNow.Ticks;
                var worker = await grain.ReadClockTicksAsync().WaitAsync(ct).ConfigureAwait(false);
                samples.Add((before, worker, DateTime.UtcNow.Ticks));
            }
            var offset = ClockOffset.Estimate(samples);
            if (offset.WorstCaseMs > options.MaxClockOffsetMs) throw new ClockOffsetException(name, offset, options.MaxClockOffsetMs);
            links.Add(new WorkerLink(silo, name, grain, offset));
        }
        return links;
    }

    /// <summary>Runs every cell of <paramref name="spec"/> across the live workers and stores it as one run in
    /// <paramref name="sink"/> with <paramref name="environment"/>; <paramref name="progress"/> gets one line per step.</summary>
    public async Task<ClusterRunResult> RunAsync(ExperimentSpec spec, IResultSink sink, EnvironmentInfo environment,
        IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sink);
        var workers = await ConnectWorkersAsync(ct).ConfigureAwait(false);
        var cells = spec.Cells();
        // Every cell is planned before anything is sent, so a plan error sends nothing.
        var plans = cells.Select(c => ShardPlanner.Split(c.Settings.Load, workers.Count)).ToArray();

        var clock = new RunClock();
        var probe = new Dictionary<string, double>(environment.Probe) { ["cluster_workers"] = workers.Count };
        foreach (var w in workers)
        {
            probe[$"cluster_clock_offset_ms[{w.Name}]"] = w.Offset.OffsetMs;
            probe[$"cluster_clock_rtt_ms[{w.Name}]"] = w.Offset.RoundTripMs;
        }
        var runId = await sink.StartRunAsync(new RunInfo
        {
            Name = spec.Name,
            StartedUtc = clock.StartedUtc,
            SpecJson = ExperimentSpecJson.Serialize(spec),
            Environment = environment with { Probe = probe },
        }, ct).ConfigureAwait(false);

        var inbox = new Inbox();
        var observer = cluster.Client.CreateObjectReference<IRecordObserver>(inbox);
        var reports = new List<WorkerReport>();
        var runKey = $"{Environment.MachineName}:{Environment.ProcessId}:{runId}";
        try
        {
            foreach (var cell in cells)
            {
                var states = plans[cell.Index].Select((shard, i) => new ShardState(workers[i], shard)).ToArray();
                var run = new CellRun(cell, states, clock, runId, runKey, inbox, sink, Latency, options, progress);
                await run.ExecuteAsync(observer, ct).ConfigureAwait(false);
                reports.AddRange(states.Select(s => new WorkerReport(cell.Index, s.Name, s.Link.Silo, s.Link.Offset,
                    s.Shard.PlannedRequests, s.Received.Count(i => i >= s.Shard.TotalWarmup), s.LostCount, s.LostUnknown, s.MaxInFlight, s.Ended ?? "done",
                    s.TimedLoss?.LostSeconds, s.TimedLoss?.Share)));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await sink.FinishRunAsync(runId, RunStatus.Interrupted, CancellationToken.None).ConfigureAwait(false);
            throw new RunCancelledException(runId, ct);
        }
        catch
        {
            await sink.FinishRunAsync(runId, RunStatus.Failed, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        finally
        {
            cluster.Client.DeleteObjectReference<IRecordObserver>(observer);
            inbox.ReleaseUnread();
        }
        await sink.FinishRunAsync(runId, RunStatus.Completed, CancellationToken.None).ConfigureAwait(false);
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"cluster: run {runId} completed on {workers.Count} worker(s)"));
        return new ClusterRunResult(runId, reports);
    }
}
