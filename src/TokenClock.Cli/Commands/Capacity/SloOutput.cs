using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using TokenClock.Analysis.Slo;
using TokenClock.Cli.Infrastructure;

namespace TokenClock.Cli.Commands.Capacity;

/// <summary>
/// SLO results for humans (a table on stderr) and scripts (the <c>slo</c> JSON object, docs/slo.md):
/// <c>{ spec, attainment_target, passed, confidence, series: [{ series, requests, good, attainment, attainment_ci95:
/// [lo, hi], goodput_rps, window_s, passed, confidence, failed: [..], objectives: [{ name, slo, threshold_ms,
/// percentile, met, share, share_ci95, observed_ms, passed, confidence }] }] }</c>.
/// </summary>
internal static class SloOutput
{
    /// <summary>Parses <c>--slo</c>, turning a format error into a usage error (exit 2) that names the token.</summary>
    public static SloSet? Parse(string? text)
    {
        if (text is null) return null;
        try
        {
            return SloSet.Parse(text);
        }
        catch (SloFormatException ex)
        {
            throw new UsageException(CliSettingNames.Describe(ex));
        }
    }

    public static string Name(SloCertainty c) => c switch
    {
        SloCertainty.Pass => "pass",
        SloCertainty.Fail => "fail",
        _ => "inconclusive",
    };

    public static void WriteJson(Utf8JsonWriter w, SloSet slos, IReadOnlyList<SloEvaluation> series)
    {
        w.WriteStartObject("slo");
        w.WriteString("spec", slos.Text);
        w.WriteNumber("attainment_target", slos.AttainmentTarget);
        w.WriteBoolean("passed", series.Count > 0 && series.All(s => s.Passed));
        w.WriteString("confidence", Name(Overall(series)));
        w.WriteStartArray("series");
        foreach (var s in series) WriteSeries(w, s);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteSeries(Utf8JsonWriter w, SloEvaluation s)
    {
        w.WriteStartObject();
        w.WriteString("series", s.Series);
        w.WriteNumber("requests", s.Requests);
        w.WriteNumber("good", s.Good);
        Num(w, "attainment", s.Attainment);
        Interval(w, "attainment_ci95", s.AttainmentInterval);
        Num(w, "goodput_rps", s.GoodputRps);
        Num(w, "window_s", s.WindowSeconds);
        w.WriteBoolean("passed", s.Passed);
        w.WriteString("confidence", Name(s.Certainty));
        w.WriteStartArray("failed");
        foreach (var f in s.Failed) w.WriteStringValue(f);
        w.WriteEndArray();
        w.WriteStartArray("objectives");
        foreach (var t in s.Targets)
        {
            w.WriteStartObject();
            w.WriteString("name", t.Target.Name);
            w.WriteString("slo", t.Target.Text);
            Num(w, "threshold_ms", t.Target.ThresholdMs);
            Num(w, "percentile", t.Target.Percentile);
            w.WriteNumber("met", t.Met);
            Num(w, "share", t.Share);
            Interval(w, "share_ci95", t.Interval);
            Num(w, "observed_ms", t.ObservedMs);
            w.WriteBoolean("passed", t.Passed);
            if (t.Target.Percentile is null) w.WriteNull("confidence");
            else w.WriteString("confidence", Name(t.Certainty));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static SloCertainty Overall(IReadOnlyList<SloEvaluation> series) =>
        series.Any(s => s.Certainty == SloCertainty.Fail) ? SloCertainty.Fail
        : series.Count > 0 && series.All(s => s.Certainty == SloCertainty.Pass) ? SloCertainty.Pass
        : SloCertainty.Inconclusive;

    public static void WriteTable(IAnsiConsole console, SloSet slos, IReadOnlyList<SloEvaluation> series)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"SLOs {Markup.Escape(slos.Text)}");
        table.AddColumn("series");
        table.AddColumn(new TableColumn("good / n").RightAligned());
        table.AddColumn(new TableColumn("attainment\n(95% CI)").RightAligned());
        table.AddColumn(new TableColumn("goodput\nreq/s").RightAligned());
        foreach (var t in slos.Percentiles) table.AddColumn(new TableColumn(Markup.Escape(t.Text) + "\nobserved ms").RightAligned());
        table.AddColumn("verdict");
        foreach (var s in series)
        {
            var cells = new List<string>
            {
                Markup.Escape(s.Series),
                $"{I(s.Good)} / {I(s.Requests)}",
                s.HasPerRequestTargets ? $"{P(s.Attainment)} ({P(s.AttainmentInterval.Low)}-{P(s.AttainmentInterval.High)})" : "-",
                s.GoodputRps is { } g ? g.ToString("0.00", CultureInfo.InvariantCulture) : "-",
            };
            foreach (var t in s.Targets.Where(t => t.Target.Percentile is not null))
                cells.Add((t.ObservedMs is { } o ? o.ToString("0.0", CultureInfo.InvariantCulture) : "failed") + (t.Passed ? "" : " [red]✗[/]"));
            cells.Add(s.Passed ? $"[green]pass[/] ({Name(s.Certainty)} at 95%)" : $"[red]FAIL[/] {Markup.Escape(string.Join(", ", s.Failed))} ({Name(s.Certainty)} at 95%)");
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
        console.MarkupLine("[grey]good = met every per-request objective (a failed request meets none); goodput = good requests / series window.[/]");
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string P(double v) => (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static void Interval(Utf8JsonWriter w, string name, ShareInterval i)
    {
        w.WriteStartArray(name);
        w.WriteNumberValue(Math.Round(i.Low, 6));
        w.WriteNumberValue(Math.Round(i.High, 6));
        w.WriteEndArray();
    }

    private static void Num(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, Math.Round(v, 6));
        else w.WriteNull(name);
    }
}
