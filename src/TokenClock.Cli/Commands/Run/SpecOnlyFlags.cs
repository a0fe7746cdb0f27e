using TokenClock.Analysis.Slo;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Experiments;

namespace TokenClock.Cli.Commands.Run;

/// <summary>
/// Run-level spec fields that have flags too (<c>slo</c> / <c>--slo</c>), and spec features a distributed run
/// cannot honour yet. A flag overrides the spec file's value, as every setting flag does, and says so on stderr.
/// </summary>
internal static class SpecOnlyFlags
{
    public static SloSet? Slos(RunSettings settings, ExperimentSpec spec, TextWriter notes)
    {
        if (settings.Slo is not null && spec.Slo is not null && !settings.Slo.Equals(spec.Slo, StringComparison.Ordinal))
            notes.WriteLine($"note: --slo '{settings.Slo}' overrides the spec's slo '{spec.Slo}'");
        if (settings.Slo is not null) return Capacity.SloOutput.Parse(settings.Slo);
        if (spec.Slo is null) return null;
        try
        {
            return SloSet.Parse(spec.Slo);
        }
        catch (SloFormatException ex)
        {
            // This value came from the spec's field, not the flag.
            throw new UsageException(ex.Describe(key => key == SloFormatException.Setting ? "slo (in the spec)" : key));
        }
    }

    /// <summary>The cluster refuses what it would drop: multi-turn sessions (its slo and scrape are judged and done by the coordinator).</summary>
    public static void RejectWithCluster(ExperimentSpec spec, bool cluster)
    {
        if (!cluster) return;
        // The coordinator keeps one record per request index; a session's turns share theirs.
        if (spec.Settings.Any(s => s.Request.Options.TryGetValue("turns", out var turns) && turns.Trim() != "1"))
            throw new UsageException("--turns (workload_options.turns): multi-turn sessions are not supported with --cluster yet; drop one of them");
    }
}
