using System.Globalization;
using System.Text.Json;
using TokenClock.Analysis.Runs;
using TokenClock.Core.Results;

namespace TokenClock.Reporting.Exporters;

/// <summary>
/// The overview's Load column: how a series was driven, in words ("closed loop, 4 in flight", "open loop, 20 req/s
/// poisson"), and which point of a sweep or capacity search it is. Read from the load tags every request of a run
/// carries; a series whose requests have none (a cluster run, an older run) falls back to its stored spec's load.
/// </summary>
internal static class LoadColumn
{
    public static string Of(AnalysisReport report, SeriesAnalysis s)
    {
        var run = report.Runs.FirstOrDefault(x => x.Run.Id == s.RunId);
        var load = FromTags(s) ?? (run is null ? null : FromSpec(run.Run.Info.SpecJson));
        if (load is null) return "";
        // A sweep or capacity search: several series of one backend in one run, each at its own load.
        var points = report.Series.Where(x => x.RunId == s.RunId && Base(x) == Base(s) && x.LoadTag is not null && x.Requests.Count > 0)
            .OrderBy(x => x.Requests.Min(r => Math.Min(r.ScheduledNs, r.SentNs))).ToList();
        if (s.LoadTag is null || points.Select(p => p.LoadTag).Distinct(StringComparer.Ordinal).Count() < 2) return load;
        var k = points.IndexOf(s) + 1;
        return string.Create(CultureInfo.InvariantCulture, $"{load} (point {k} of {points.Count})");
    }

    /// <summary>"backend/model" without a planned cell's " [load]" label: the points of one sweep share it.</summary>
    internal static string Base(SeriesAnalysis s)
    {
        var bracket = s.Backend.IndexOf(" [", StringComparison.Ordinal);
        return (bracket > 0 ? s.Backend[..bracket] : s.Backend) + "/" + s.Model;
    }

    private static string? FromTags(SeriesAnalysis s)
    {
        if (s.LoadTag is null || s.Requests.Count == 0) return null;
        var tags = s.Requests[0].Tags;
        if (tags.TryGetValue("load_kind", out var kind) && tags.TryGetValue("load_value", out var value))
        {
            var text = tags.GetValueOrDefault("load") ?? "";
            var arrival = text.IndexOf("req/s ", StringComparison.Ordinal) is var at and >= 0 ? text[(at + 6)..] : null;
            return Describe(kind, value, arrival);
        }
        // Older tags: concurrency=N, rate=R, or a free-text load=...
        var eq = s.LoadTag.IndexOf('=', StringComparison.Ordinal);
        var (key, val) = (s.LoadTag[..eq], s.LoadTag[(eq + 1)..]);
        return key is "concurrency" or "rate" ? Describe(key, val, null) : val;
    }

    private static string Describe(string kind, string value, string? arrival) => kind switch
    {
        "sequential" => "sequential (closed loop, 1 in flight)",
        "concurrency" => $"closed loop, {value} in flight",
        "rate" => $"open loop, {value} req/s" + (string.IsNullOrEmpty(arrival) ? "" : " " + arrival),
        _ => $"{kind} {value}",
    };

    /// <summary>The spec's load when all its settings share one pattern (else the series cannot say which).</summary>
    private static string? FromSpec(string specJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(specJson);
            if (!doc.RootElement.TryGetProperty("settings", out var settings) || settings.ValueKind != JsonValueKind.Array) return null;
            var loads = settings.EnumerateArray()
                .Select(x => x.TryGetProperty("load", out var l) && l.TryGetProperty("pattern", out var p) ? Pattern(p) : null)
                .Distinct(StringComparer.Ordinal).ToList();
            return loads is [{ } only] ? only : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Pattern(JsonElement p)
    {
        string? Text(string name) => p.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;
        var kind = Text("kind");
        if (kind is null) return null;
        var arrival = Text("arrival");
        if (arrival == "gamma") arrival += " cv=" + Text("burstiness");
        return Describe(kind, kind == "concurrency" ? Text("concurrency") ?? "?" : Text("rate") ?? "?", arrival);
    }
}
