using TokenClock.Core.Backends;
using TokenClock.Core.Results;

namespace TokenClock.Analysis.Summary;

/// <summary>A run summarized per backend, in order of first appearance. Pure: build it from stored records.</summary>
public sealed record RunSummary(IReadOnlyList<BackendSummary> Backends)
{
    /// <summary>Snake_case names of every error class, the keys of <see cref="BackendSummary.Errors"/>.</summary>
    public static IReadOnlyList<string> ErrorClassNames { get; } =
        Enum.GetValues<ErrorClass>().Where(e => e != ErrorClass.None).Select(ErrorName).ToArray();

    public static string ErrorName(ErrorClass error) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(error.ToString());

    public static RunSummary Of(IEnumerable<RequestRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var groups = records.GroupBy(r => r.Backend, StringComparer.Ordinal);
        return new RunSummary(groups.Select(g => Summarize(g.Key, g.ToArray())).ToArray());
    }

    private static BackendSummary Summarize(string backend, RequestRecord[] all)
    {
        var measured = all.Where(r => r.Phase == RequestPhase.Measured).ToArray();
        var ok = measured.Where(r => r.Succeeded).ToArray();
        var errors = ErrorClassNames.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        foreach (var r in measured.Where(r => !r.Succeeded)) errors[ErrorName(r.Error)]++;

        double window = 0;
        if (measured.Length > 0)
        {
            var start = measured.Min(r => r.SentNs);
            var end = measured.Max(r => r.EndNs ?? r.SentNs);
            window = Math.Max(0, end - start) / 1e9;
        }

        return new BackendSummary(
            backend,
            all[0].Model,
            measured.Length,
            ok.Length,
            all.Length - measured.Length,
            errors,
            Distribution.Of(ok.Select(r => r.TtftMs()).OfType<double>()),
            Distribution.Of(ok.Select(r => r.TpotMs()).OfType<double>()),
            Distribution.Of(ok.Select(r => r.E2eMs()).OfType<double>()),
            Distribution.Of(ok.SelectMany(r => r.ItlSamplesMs())),
            Distribution.Of(ok.Select(r => r.DecodeTps()).OfType<double>()),
            // Queue delay covers every measured request that was sent, failed or not: lateness is the client's.
            Distribution.Of(measured.Select(r => r.QueueDelayMs())),
            Distribution.Of(ok.Select(r => r.E2eFromScheduleMs()).OfType<double>()),
            window > 0 ? ok.Length / window : null,
            window > 0 ? ok.Sum(r => r.OutputTokens()) / window : null,
            window);
    }
}
