using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using TokenClock.Core.Results;
using TokenClock.Workloads.Summarization;

namespace TokenClock.Cli.Commands.Summarize;

/// <summary>Prints a summarization job's latency figures (human table or one JSON document).</summary>
internal static class SummaryReport
{
    private static string Ms(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "-";

    public static void WriteHuman(IAnsiConsole console, JobRecord job, SummaryResult result, long runId, string db)
    {
        var m = job.Metrics;
        console.WriteLine();
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]first_visible[/] {Ms(job.FirstVisibleMs)}   [bold]total[/] {Ms(job.TotalMs)}   [grey]({job.Tags["strategy"]}, {result.Chunks.Count} chunk(s), {result.Requests.Count} call(s), shown first: {job.Tags["shown_first"]})[/]"));
        foreach (var (threshold, met) in PerceivedLatency.Evaluate(job.FirstVisibleMs))
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"  {(met ? "[green]✓[/]" : "[red]✗[/]")} {threshold.Label} ({threshold.Meaning})"));
        if (m.TryGetValue("pipeline_overhead_ms", out var overhead))
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"  [grey]= waiting on earlier calls {Ms(m["backend_busy_before_shown_ms"])} + shown call TTFT {Ms(m["shown_ttft_ms"])} + pipeline {Ms(overhead)}[/]"));

        var table = new Table().AddColumns("stage", "step", "ttft", "e2e", "out tokens", "status");
        foreach (var r in result.Requests.OrderBy(r => r.Index))
            table.AddRow(
                Markup.Escape(r.Tags.GetValueOrDefault("stage") ?? "?"),
                Markup.Escape($"{r.Tags.GetValueOrDefault("step")}/{r.Tags.GetValueOrDefault("steps")}"),
                Ms(r.TtftMs()), Ms(r.E2eMs()),
                r.OutputTokens().ToString(CultureInfo.InvariantCulture),
                r.Succeeded ? "ok" : Markup.Escape(r.Error.ToString()));
        console.Write(table);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"tokens: {m["input_tokens"]:0} in, {m["output_tokens"]:0} out; summary {m["summary_words"]:0} words (compression {m.GetValueOrDefault("compression"):0.000})"));
        if (m.TryGetValue("rouge1", out var r1))
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"ROUGE F1 vs reference: R-1 {r1:0.000}  R-2 {m["rouge2"]:0.000}  R-L {m["rougeL"]:0.000}"));
        if (m.TryGetValue("judge_coherence", out var coherence) | m.TryGetValue("judge_groundedness", out var grounded))
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"judge (1-5): coherence {(m.ContainsKey("judge_coherence") ? coherence.ToString("0", CultureInfo.InvariantCulture) : "-")}, groundedness {(m.ContainsKey("judge_groundedness") ? grounded.ToString("0", CultureInfo.InvariantCulture) : "-")}"));
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]stored as run {runId} in {Markup.Escape(db)}[/]"));
    }

    /// <param name="status">completed, failed, or interrupted (Ctrl+C: the calls that finished, as stored).</param>
    public static void WriteJson(TextWriter output, JobRecord job, SummaryResult result, long runId, string status)
    {
        var doc = new Dictionary<string, object?>
        {
            ["run_id"] = runId,
            ["status"] = status,
            ["job_id"] = job.JobId,
            ["strategy"] = job.Tags["strategy"],
            ["backend"] = job.Backend,
            ["model"] = job.Tags["model"],
            ["chunks"] = result.Chunks.Count,
            ["shown_first"] = job.Tags["shown_first"],
            ["first_visible_ms"] = job.FirstVisibleMs,
            ["total_ms"] = job.TotalMs,
            ["thresholds"] = PerceivedLatency.Evaluate(job.FirstVisibleMs).ToDictionary(t => t.Threshold.Label.Replace(" ", "", StringComparison.Ordinal), t => t.Met),
            ["metrics"] = job.Metrics,
            ["calls"] = result.Requests.OrderBy(r => r.Index).Select(r => new Dictionary<string, object?>
            {
                ["stage"] = r.Tags.GetValueOrDefault("stage"),
                ["step"] = r.Tags.GetValueOrDefault("step"),
                ["ttft_ms"] = r.TtftMs(),
                ["e2e_ms"] = r.E2eMs(),
                ["input_tokens"] = r.InputTokens(),
                ["output_tokens"] = r.OutputTokens(),
                ["error"] = r.Succeeded ? null : r.Error.ToString(),
            }).ToArray(),
            // The model's text may echo what it was sent (a hostile server echoing our key): mask known secrets.
            ["summary"] = Core.Security.SecretRedactor.RedactOrNull(result.Summary),
            ["error"] = Core.Security.SecretRedactor.RedactOrNull(job.Error),
        };
        output.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
    }
}
