using System.Text;
using System.Text.Json;
using TokenClock.Analysis.Comparison;
using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Statistics;
using TokenClock.Analysis.Synthetic;
using TokenClock.Core.Backends;
using TokenClock.Reporting.Exporters;
using TokenClock.Reporting.Json;

namespace TokenClock.Reporting.Tests;

public sealed class ExportTests
{
    private static RunData Run()
    {
        var run = SyntheticRunGenerator.Generate(7, "export", [TestRuns.Fast with { ErrorShare = 0.1 }], 40, seed: 9);
        // A message with a comma, a quote and a newline must survive CSV quoting.
        var requests = run.Requests.Select((r, i) => i == 0 ? r with { Error = ErrorClass.Other, ErrorMessage = "bad, \"quoted\"\nline" } : r).ToArray();
        return run with { Requests = requests };
    }

    [Fact]
    public void Every_exporter_has_its_own_format_and_an_unknown_one_is_refused_with_the_known_formats()
    {
        IEnumerable<IExporter<RunData>> runExporters = RunExporters.All;
        IEnumerable<IExporter<ReportDocument>> reportExporters = ReportBuilder.Exporters;

        Assert.Equal(["csv", "json"], runExporters.Select(e => e.Format));
        Assert.Equal(["md", "html"], reportExporters.Select(e => e.Format));
        var ex = Assert.Throws<ArgumentException>(() => RunExporters.Get("xml"));
        Assert.Contains("'xml'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("csv, json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_has_the_documented_header_and_one_row_per_request()
    {
        var run = Run();
        using var stream = new MemoryStream();

        await RunExporters.Get("csv").ExportAsync(run, stream);

        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.StartsWith("run_id,index,phase,backend,model,succeeded,error,http_status,scheduled_ns,", text);
        Assert.Contains("\"bad, \"\"quoted\"\"\nline\"", text);
        var records = ParseCsv(text);
        Assert.Equal(run.Requests.Count + 1, records.Count);
        Assert.All(records, r => Assert.Equal(RequestCsvExporter.Columns.Count, r.Count));
        var header = records[0];
        var ok = records.Skip(1).First(r => r[header.IndexOf("succeeded")] == "true");
        var ttft = double.Parse(ok[header.IndexOf("ttft_ms")], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(ttft, 1, 1000);
        // Error classes are spelled as in metrics.md and every JSON document (snake_case), not as the enum.
        Assert.Equal("other", records[1][header.IndexOf("error")]);
        Assert.Contains(records.Skip(2), r => r[header.IndexOf("error")] == "http_status");
    }

    [Fact]
    public async Task Json_export_holds_run_requests_chunks_and_jobs()
    {
        var run = Run();
        using var stream = new MemoryStream();

        await RunExporters.Get("json").ExportAsync(run, stream);

        using var doc = JsonDocument.Parse(stream.ToArray());
        var root = doc.RootElement;
        Assert.Equal("tokenclock.export/2", root.GetProperty("schema").GetString());
        Assert.Equal(7, root.GetProperty("run").GetProperty("id").GetInt64());
        Assert.True(root.GetProperty("run").GetProperty("spec").GetProperty("synthetic").GetBoolean());
        var requests = root.GetProperty("requests");
        Assert.Equal(run.Requests.Count, requests.GetArrayLength());
        var first = requests[1];
        Assert.Equal(run.Requests[1].Chunks.Count, first.GetProperty("chunks").GetArrayLength());
        Assert.Equal(4, first.GetProperty("chunks")[0].GetArrayLength());
        Assert.Equal("other", requests[0].GetProperty("error").GetString());
        Assert.Equal(0, root.GetProperty("jobs").GetArrayLength());
    }

    [Fact]
    public void Report_json_exposes_metric_percentiles_by_metrics_md_names()
    {
        var report = TestRuns.TwoBackends(60);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) ReportJsonWriter.Write(w, report, ["report.html"]);

        using var doc = JsonDocument.Parse(stream.ToArray());
        var ttft = doc.RootElement.GetProperty("series")[0].GetProperty("metrics").GetProperty("ttft_ms");
        Assert.Equal(60, ttft.GetProperty("n").GetInt32());
        var p50 = ttft.GetProperty("p50").GetDouble();
        var ci = ttft.GetProperty("p50_ci");
        Assert.InRange(p50, ci[0].GetDouble(), ci[1].GetDouble());
        Assert.Equal("crossover", doc.RootElement.GetProperty("crossovers")[0].GetProperty("outcome").GetString());
        Assert.Equal("report.html", doc.RootElement.GetProperty("files")[0].GetString());
    }

    [Fact]
    public void Compare_json_reports_verdicts_and_the_regression_flag()
    {
        var a = SyntheticRunGenerator.Generate(1, "a", [new SyntheticSeries { Backend = "b", TtftMs = 400 }], 100, seed: 1);
        var b = SyntheticRunGenerator.Generate(2, "b", [new SyntheticSeries { Backend = "b", TtftMs = 600 }], 100, seed: 2);
        var analysis = RunAnalyzer.Analyze([a, b]);
        var comparisons = RunComparer.Compare(analysis, [MetricCatalog.Ttft, MetricCatalog.Tpot], 0.1);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) CompareJsonWriter.Write(w, analysis, comparisons, 0.1);

        using var doc = JsonDocument.Parse(stream.ToArray());
        var root = doc.RootElement;
        Assert.Equal("tokenclock.compare/1", root.GetProperty("schema").GetString());
        Assert.Equal(10, root.GetProperty("fail_if_slower_pct").GetDouble(), 9);
        Assert.True(root.GetProperty("regression").GetBoolean());
        var metrics = root.GetProperty("comparisons")[0].GetProperty("metrics");
        Assert.Equal("ttft_ms", metrics[0].GetProperty("metric").GetString());
        Assert.Equal("slower", metrics[0].GetProperty("verdict").GetString());
        Assert.True(metrics[0].GetProperty("exceeds_threshold").GetBoolean());
        Assert.Equal("no_significant_difference", metrics[1].GetProperty("verdict").GetString());
    }

    /// <summary>Minimal RFC 4180 reader for the test (quoted fields with commas, quotes, newlines).</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; }
            else field.Append(c);
        }
        return rows;
    }
}
