using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using TokenClock.Analysis.Capacity;
using TokenClock.Analysis.Slo;

namespace TokenClock.Cli.Commands.Capacity;

/// <summary>
/// What a capacity search found, for humans (stderr) and <c>--json</c> (docs/slo.md): <c>{ run_id, db, slo,
/// found_rate_rps, bracket: { low_rps, high_rps, relative_width }, stop, confidence, synchronous_rps,
/// budget: { requests_used, max_requests, time_used_s, max_time_s }, points: [{ rate_rps, requests, duration_s,
/// outcome, attainment, goodput_rps, failed }] }</c>.
/// </summary>
internal sealed class CapacityReport(long runId, string db, SloSet slos, CapacitySearchOptions options, CapacityPlanner planner,
    TimeSpan elapsed, bool cancelled)
{
    private CapacitySearch? Search => planner.Search;

    public double? FoundRate => Search?.Low;

    private int RequestsUsed => planner.ProbeRequestsUsed + (Search?.RequestsUsed ?? 0);

    private string Stop => cancelled ? "cancelled" : Search?.Stop switch
    {
        CapacityStop.Converged => "converged",
        CapacityStop.RequestBudget => "request_budget",
        CapacityStop.TimeBudget => "time_budget",
        CapacityStop.NoPassingRate => "no_passing_rate",
        CapacityStop.MaxRate => "max_rate",
        _ => "incomplete",
    };

    /// <summary>How sure the answer is, in one sentence.</summary>
    private string Confidence()
    {
        if (Search is not { } s || s.Low is not { } lo)
            return "no rate tried held the SLOs with 95% confidence";
        var passed = F(lo);
        if (s.High is not { } hi) return $"{passed} req/s held with 95% confidence; no higher rate was shown to fail (stop: {Stop})";
        var inconclusive = s.Probes.Count(p => p.Outcome == SloCertainty.Inconclusive);
        return $"{passed} req/s held with 95% confidence and {F(hi)} req/s did not ({(s.Probes.First(p => p.Rate == hi).Outcome == SloCertainty.Fail ? "failed with 95% confidence" : "inconclusive, counted as a fail")}); "
            + $"the limit lies in [{passed}, {F(hi)}) req/s, {Pct(hi / lo - 1)} wide"
            + (inconclusive > 0 ? $"; {inconclusive} inconclusive point(s) counted as fails, so the answer errs low" : "");
    }

    public string Json()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("run_id", runId);
            w.WriteString("db", db);
            w.WriteString("slo", slos.Text);
            Num(w, "found_rate_rps", FoundRate);
            w.WriteStartObject("bracket");
            Num(w, "low_rps", Search?.Low);
            Num(w, "high_rps", Search?.High);
            Num(w, "relative_width", Search?.RelativeWidth);
            w.WriteEndObject();
            w.WriteString("stop", Stop);
            w.WriteString("confidence", Confidence());
            Num(w, "synchronous_rps", planner.SynchronousRate);
            w.WriteStartObject("budget");
            w.WriteNumber("requests_used", RequestsUsed);
            w.WriteNumber("max_requests", options.MaxRequests);
            Num(w, "time_used_s", elapsed.TotalSeconds);
            Num(w, "max_time_s", options.MaxTime.TotalSeconds);
            w.WriteEndObject();
            w.WriteStartArray("points");
            foreach (var p in Search?.Probes ?? [])
            {
                w.WriteStartObject();
                Num(w, "rate_rps", p.Rate);
                w.WriteNumber("requests", p.Requests);
                Num(w, "duration_s", p.Duration.TotalSeconds);
                w.WriteString("outcome", SloOutput.Name(p.Outcome));
                Num(w, "attainment", p.Evaluation?.HasPerRequestTargets == true ? p.Evaluation.Attainment : null);
                Num(w, "goodput_rps", p.Evaluation?.GoodputRps);
                w.WriteStartArray("failed");
                foreach (var f in p.Evaluation?.Failed ?? []) w.WriteStringValue(f);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public void Write(IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"capacity search, SLOs {Markup.Escape(slos.Text)}");
        table.AddColumn(new TableColumn("rate req/s").RightAligned());
        table.AddColumn(new TableColumn("requests").RightAligned());
        table.AddColumn(new TableColumn("seconds").RightAligned());
        table.AddColumn("outcome (95%)");
        table.AddColumn("failed");
        foreach (var p in Search?.Probes ?? [])
        {
            var outcome = p.Outcome switch { SloCertainty.Pass => "[green]pass[/]", SloCertainty.Fail => "[red]fail[/]", _ => "[yellow]inconclusive[/]" };
            table.AddRow(F(p.Rate), p.Requests.ToString(CultureInfo.InvariantCulture), p.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                outcome, Markup.Escape(string.Join(", ", p.Evaluation?.Failed ?? [])));
        }
        console.Write(table);
        if (planner.SynchronousRate is { } sync)
            console.MarkupLine($"synchronous probe: {F(sync)} req/s ({planner.ProbeRequestsUsed.ToString(CultureInfo.InvariantCulture)} requests, one at a time): the start rate");
        console.MarkupLine(FoundRate is { } rate
            ? $"[bold]largest sustainable rate: {F(rate)} req/s[/]"
            : "[red bold]no sustainable rate found[/]");
        console.MarkupLine(Markup.Escape(Confidence()));
        console.MarkupLine(Markup.Escape($"stop: {Stop}; budget used: {RequestsUsed} of {options.MaxRequests} requests, {elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} of {options.MaxTime.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s; run {runId} in {db}"));
    }

    private static string F(double v) => v.ToString(v >= 100 ? "0.#" : "0.###", CultureInfo.InvariantCulture);

    private static string Pct(double v) => (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static void Num(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, Math.Round(v, 6));
        else w.WriteNull(name);
    }
}
