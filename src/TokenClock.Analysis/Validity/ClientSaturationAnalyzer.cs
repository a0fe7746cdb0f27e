using TokenClock.Analysis.Statistics;
using TokenClock.Core.Results;

namespace TokenClock.Analysis.Validity;

/// <summary>
/// The client, not the server, limited the run: requests left later than scheduled (queue delay), the delay
/// grew through the run (drift), or the environment probe recorded a busy CPU or thread-pool starvation
/// (Probe keys <c>client_cpu_percent</c>, <c>threadpool_starvation_events</c>, written by the engine when known).
/// </summary>
internal sealed class ClientSaturationAnalyzer : IValidityAnalyzer
{
    public const double WarnP99Ms = 50;
    public const double ErrorP99Ms = 500;
    public const double DriftMs = 25;

    public string Id => "TC001";
    public string Name => "client-saturation";

    public IEnumerable<ValidityFinding> Analyze(ValidityContext context)
    {
        foreach (var s in context.Series)
        {
            var delays = s.Requests.Select(r => r.QueueDelayMs()).ToArray();
            if (delays.Length == 0) continue;
            var p99 = Percentiles.Of(delays, 99);
            if (p99 >= ErrorP99Ms)
                yield return new(Id, Name, Severity.Error, $"Client saturated: p99 queue delay (sent − scheduled) is {Fmt.Ms(p99)}; requests left late, so latencies understate what users would see. Lower the load or use more client cores.", s.Name);
            else if (p99 >= WarnP99Ms)
                yield return new(Id, Name, Severity.Warning, $"Client falling behind: p99 queue delay is {Fmt.Ms(p99)} (warn at {Fmt.Ms(WarnP99Ms)}).", s.Name);

            if (delays.Length >= 20)
            {
                var tenth = Math.Max(2, delays.Length / 10);
                var early = Percentiles.Of(delays.Take(tenth), 50);
                var late = Percentiles.Of(delays.Skip(delays.Length - tenth), 50);
                if (late - early >= DriftMs)
                    yield return new(Id, Name, Severity.Warning, $"Schedule drift: median queue delay grew from {Fmt.Ms(early)} (first 10%) to {Fmt.Ms(late)} (last 10%), a sign of client or thread-pool starvation.", s.Name);
            }
        }
        foreach (var run in context.Runs)
        {
            var probe = run.Run.Info.Environment.Probe;
            if (probe.TryGetValue("client_cpu_percent", out var cpu) && cpu >= 90)
                yield return new(Id, Name, Severity.Warning, $"Client CPU was {Fmt.Num(cpu, "0")}% busy during run {run.Run.Id}; timings may include client delay.");
            if (probe.TryGetValue("threadpool_starvation_events", out var starve) && starve > 0)
                yield return new(Id, Name, Severity.Error, $"Thread-pool starvation was detected {Fmt.Num(starve, "0")} time(s) during run {run.Run.Id}; timings are unreliable.");
        }
    }
}
