using TokenClock.Cli.Infrastructure;
using TokenClock.Server.Simulation;

namespace TokenClock.Cli.Commands.Serve;

/// <summary>
/// A serve flag that would change nothing under the chosen settings is refused with its name, so that a
/// measurement is never taken against a server the user believes is configured otherwise.
/// </summary>
internal static class ServeOptionChecks
{
    public static void ThrowIfWithoutEffect(ServeSettings s, bool simulate)
    {
        var problems = new List<string>();
        if (simulate)
        {
            if (s.Threads is not null) problems.Add("--threads applies only to --model (llama.cpp threads); the simulator has none. Drop it");
        }
        else
        {
            // Everything that shapes simulated latency, text or faults.
            var simulatorOnly = new (string Flag, bool Given)[]
            {
                ("--ttft-ms", s.TtftMs is not null), ("--tpot-ms", s.TpotMs is not null), ("--distribution", s.Distribution is not null),
                ("--ttft-std-ms", s.TtftStdMs is not null), ("--tpot-std-ms", s.TpotStdMs is not null),
                ("--tokens-per-chunk", s.TokensPerChunk is not null), ("--jitter-ms", s.JitterMs is not null),
                ("--output-tokens", s.OutputTokens is not null), ("--seed", s.Seed is not null), ("--fault", s.Faults.Length > 0),
                ("--retry-after-s", s.RetryAfterSeconds is not null), ("--stall-ms", s.StallMs is not null),
                ("--fault-after", s.FaultAfter is not null),
                ("--llamacpp-timings", s.LlamaCppTimings), ("--max-batch", s.MaxBatch is not null),
                ("--tokens-per-second", s.TokensPerSecond is not null), ("--step-ms", s.StepMs is not null),
            };
            foreach (var (flag, given) in simulatorOnly.Where(f => f.Given))
                problems.Add(flag == "--llamacpp-timings"
                    ? "--llamacpp-timings has no effect with --model: a served model always sends llama.cpp timings. Drop it"
                    : $"{flag} applies only to --simulate; with --model the real model sets latency and text. Drop it, or use --simulate");
        }
        if (problems.Count > 0) throw new UsageException(string.Join("; ", problems));
    }

    /// <summary>A standard deviation given for a fixed distribution would be silently ignored.</summary>
    public static void ThrowIfStdWithoutEffect(string stdFlag, double? std, DistributionKind kind, string source)
    {
        if (std is { } value && kind == DistributionKind.Fixed)
            throw new UsageException(FormattableString.Invariant(
                $"{stdFlag} {value} has no effect: {source} distribution is fixed (every delay equals the mean). Add --distribution normal, lognormal or uniform, or drop {stdFlag}"));
    }
}
