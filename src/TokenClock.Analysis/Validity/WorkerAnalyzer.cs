using TokenClock.Analysis.Statistics;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;

namespace TokenClock.Analysis.Validity;

/// <summary>
/// Distributed runs, per worker: a worker lost mid-run (its unreported share is stored as worker_lost errors, so
/// the run's totals include it), and a worker whose own client saturated (its queue delay, judged with the same
/// limits as <see cref="ClientSaturationAnalyzer"/>) even when the merged run looks healthy. Silent for local runs.
/// </summary>
internal sealed class WorkerAnalyzer : IValidityAnalyzer
{
    public string Id => "TC014";
    public string Name => "workers";

    public IEnumerable<ValidityFinding> Analyze(ValidityContext context)
    {
        foreach (var run in context.Runs)
        {
            var byWorker = run.Requests.Where(r => r.Phase == RequestPhase.Measured && r.Worker is not null)
                .GroupBy(r => r.Worker!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var worker in byWorker)
            {
                var all = worker.ToArray();
                var lost = all.Count(r => r.Error == ErrorClass.WorkerLost);
                if (lost > 0)
                {
                    // The coordinator's account of the loss (for a duration-bounded closed loop: the stream-time not run).
                    var why = all.First(r => r.Error == ErrorClass.WorkerLost).ErrorMessage;
                    yield return new(Id, Name, Severity.Error,
                        $"Worker {worker.Key} was lost during run {run.Run.Id}: {Fmt.Int(lost)} of its {Fmt.Int(all.Length)} requests were not measured (stored as worker_lost errors, not dropped); its {Fmt.Int(all.Length - lost)} reported requests are kept. Percentiles cover the measured requests only.{(string.IsNullOrEmpty(why) ? "" : $" Coordinator: {why}.")}");
                }

                var delays = all.Where(r => r.Error != ErrorClass.WorkerLost).Select(r => r.QueueDelayMs()).ToArray();
                if (delays.Length == 0) continue;
                var p99 = Percentiles.Of(delays, 99);
                if (p99 >= ClientSaturationAnalyzer.ErrorP99Ms)
                    yield return new(Id, Name, Severity.Error,
                        $"Worker {worker.Key} saturated in run {run.Run.Id}: its p99 queue delay (sent − scheduled) is {Fmt.Ms(p99)}; its requests left late. Give it fewer streams or more cores, or add workers.");
                else if (p99 >= ClientSaturationAnalyzer.WarnP99Ms)
                    yield return new(Id, Name, Severity.Warning,
                        $"Worker {worker.Key} falling behind in run {run.Run.Id}: p99 queue delay {Fmt.Ms(p99)} (warn at {Fmt.Ms(ClientSaturationAnalyzer.WarnP99Ms)}).");
            }
        }
    }
}
