using System.Globalization;
using System.Text.RegularExpressions;
using TokenClock.Analysis.Capacity;
using TokenClock.Analysis.Slo;
using TokenClock.Cli.Commands.Run;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Experiments;

namespace TokenClock.Cli.Commands.Capacity;

/// <summary>Turns <c>capacity</c> flags into search options and a run template; bad values name their flag.</summary>
internal static partial class CapacityOptions
{
    public static CapacitySearchOptions Build(CapacitySettings s, SloSet slos)
    {
        var defaults = new CapacitySearchOptions();
        // A point with one slow request must still be able to pass with confidence (docs/slo.md).
        var strictest = slos.Targets.Select(t => t.RequiredShare ?? slos.AttainmentTarget).Max();
        if (strictest >= 1)
            throw new UsageException($"--slo '{slos.Text}': an attainment of 100% can never be shown with confidence from a finite sample; the search needs a target below 100% (e.g. attainment>=99%)");
        var minimum = Math.Max(50, ShareInterval.MinimumWithSlack(strictest));
        if (s.MinRequestsPerPoint is { } given && given < ShareInterval.MinimumForPass(strictest))
            throw new UsageException($"--min-requests-per-point {given} is too few: even a point where every request meets the SLOs needs {ShareInterval.MinimumForPass(strictest)} requests to pass '{slos.Text}' at 95% confidence; raise it or drop it (default {minimum})");
        var options = defaults with
        {
            Growth = s.Growth ?? defaults.Growth,
            Tolerance = Percent(s.Tolerance) ?? defaults.Tolerance,
            PointSeconds = s.PointSeconds ?? defaults.PointSeconds,
            MinRequestsPerPoint = s.MinRequestsPerPoint ?? minimum,
            MaxRequests = s.MaxRequests ?? defaults.MaxRequests,
            MaxTime = Time(s.MaxTime) ?? defaults.MaxTime,
            MaxRate = s.MaxRate ?? defaults.MaxRate,
            StartRate = s.StartRate ?? 1,
        };
        var problems = options.Validate().Select(FlagOf).ToList();
        if (s.StartRate is { } start && start > options.MaxRate) problems.Add($"--start-rate {start} is above --max-rate {options.MaxRate}");
        if (problems.Count > 0) throw new UsageException(string.Join("; ", problems));
        return options;
    }

    /// <summary>
    /// The load part of the request template: the planner replaces rate and request count at every point; these only
    /// make the template valid (--arrival and --burstiness, shared with <c>run</c>, shape every point's arrivals).
    /// </summary>
    public static LoadFlags Load { get; } = new("capacity") { Rate = "1", Requests = 1 };

    /// <summary>
    /// The search plans requests per second and counts requests against its budget; a multi-turn session sends
    /// several requests per arrival, so both would silently mean sessions. Refused, naming the flag typed.
    /// </summary>
    public static void RejectSessions(CapacitySettings s, ExperimentSpec spec)
    {
        if (!spec.Settings[0].Request.Options.TryGetValue("turns", out var turns) || turns.Trim() == "1") return;
        var flag = s.Turns is not null ? $"--turns {s.Turns}" : $"--workload-option turns={turns}";
        throw new UsageException($"{flag}: capacity searches a rate of single requests, and a multi-turn session sends several per arrival (the rate and the --max-requests budget would count sessions); drop it (each conversation's first turn is sent), or measure sessions with `tokenclock run --dataset FILE --turns N --rate R1,R2,...`");
    }

    private static string FlagOf(string problem) => problem
        .Replace("start rate", "--start-rate", StringComparison.Ordinal).Replace("growth", "--growth", StringComparison.Ordinal)
        .Replace("tolerance", "--tolerance", StringComparison.Ordinal).Replace("point seconds", "--point-seconds", StringComparison.Ordinal)
        .Replace("min requests per point", "--min-requests-per-point", StringComparison.Ordinal)
        .Replace("max requests", "--max-requests", StringComparison.Ordinal).Replace("max time", "--max-time", StringComparison.Ordinal)
        .Replace("min rate", "minimum rate", StringComparison.Ordinal);

    private static double? Percent(string? text)
    {
        if (text is null) return null;
        var t = text.Trim();
        var pct = t.EndsWith('%');
        if (!double.TryParse(t.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !(v > 0))
            throw new UsageException($"--tolerance '{text}' is not a positive percentage; write e.g. 4% (or 0.04)");
        return pct || v >= 1 ? v / 100 : v;
    }

    private static TimeSpan? Time(string? text)
    {
        if (text is null) return null;
        var m = TimePattern().Match(text.Trim());
        if (m.Success && double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0)
        {
            var seconds = m.Groups[2].Value switch { "ms" => v / 1000, "m" => v * 60, "h" => v * 3600, _ => v };
            if (seconds <= 24 * 3600) return TimeSpan.FromSeconds(seconds);
        }
        throw new UsageException($"--max-time '{text}' is not a duration; write seconds (90) or 90s, 10m, 1h (at most a day)");
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();
}
