using System.Text.Json;
using TokenClock.Analysis.Comparison;
using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Synthetic;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Reporting.Exporters;
using TokenClock.Reporting.Json;

namespace TokenClock.Reporting.Tests;

/// <summary>The one summary: run, report and compare JSON carry the same series object for the same run.</summary>
public sealed class SeriesJsonTests
{
    private const long Ms = 1_000_000;

    // A request sent at `sent` ms: first token after `ttft` ms, then `tokens - 1` more tokens `gap` ms apart.
    private static RequestRecord Ok(string backend, int index, long sent, long ttft, int tokens, long gap,
        RequestPhase phase = RequestPhase.Measured, long queue = 0)
    {
        var chunks = Enumerable.Range(0, tokens).Select(i => new ChunkSample((sent + ttft + i * gap) * Ms, 4, 1)).ToArray();
        return new RequestRecord
        {
            Index = index, Phase = phase, Backend = backend, Model = "m",
            ScheduledNs = (sent - queue) * Ms, SentNs = sent * Ms, FirstByteNs = (sent + ttft) * Ms, FirstTokenNs = (sent + ttft) * Ms,
            EndNs = chunks[^1].TimeNs, LastTokenNs = chunks[^1].TimeNs, Chunks = chunks, LocalOutputTokens = tokens, OutputChars = 4 * tokens,
        };
    }

    private static RequestRecord Fail(string backend, int index, ErrorClass error, long sent) => new()
    {
        Index = index, Backend = backend, Model = "m", ScheduledNs = sent * Ms, SentNs = sent * Ms, EndNs = (sent + 1) * Ms,
        Error = error, ErrorMessage = "x",
    };

    private static RunData Run(long id, IReadOnlyList<RequestRecord> records)
    {
        var template = SyntheticRunGenerator.Generate(id, "r" + id, [new SyntheticSeries { Backend = "x" }], 1, seed: 1);
        return template with { Requests = records };
    }

    private static RunData Mixed(long id)
    {
        var records = new List<RequestRecord> { Ok("a", 0, 0, ttft: 5_000, tokens: 3, gap: 10, phase: RequestPhase.Warmup) };
        for (var i = 1; i <= 10; i++) records.Add(Ok("a", i, i * 1000, ttft: 100 * i, tokens: 11, gap: 10, queue: i));
        records.Add(Fail("a", 11, ErrorClass.RateLimited, 20_000));
        records.Add(Fail("a", 12, ErrorClass.TimeoutFirstByte, 21_000));
        return Run(id, records);
    }

    private static JsonElement Parse(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) write(w);
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    [Fact]
    public void Series_object_counts_measured_requests_and_names_every_error_class_in_snake_case()
    {
        var analysis = RunAnalyzer.Analyze([Mixed(1)]);

        var s = Parse(w => SeriesJsonWriter.Write(w, analysis.Series[0]));

        Assert.Equal(12, s.GetProperty("requests").GetInt32());
        Assert.Equal(10, s.GetProperty("succeeded").GetInt32());
        Assert.Equal(1, s.GetProperty("warmup").GetInt32());
        var errors = s.GetProperty("errors");
        Assert.Equal(2, errors.GetProperty("total").GetInt32());
        Assert.Equal(1, errors.GetProperty("rate_limited").GetInt32());
        Assert.Equal(1, errors.GetProperty("timeout_first_byte").GetInt32());
        Assert.Equal(0, errors.GetProperty("disconnect").GetInt32());
        Assert.Equal(ErrorClassNames.All.Count + 1, errors.EnumerateObject().Count());
        Assert.DoesNotContain(errors.EnumerateObject(), p => p.Name.Any(char.IsUpper));
        var ttft = s.GetProperty("metrics").GetProperty("ttft_ms");
        Assert.Equal(10, ttft.GetProperty("n").GetInt32()); // the 5 s warm-up request is not counted
        Assert.Equal(1000, ttft.GetProperty("max").GetDouble(), 6);
        Assert.True(ttft.TryGetProperty("p95_ci", out _));
        Assert.Equal(100, s.GetProperty("metrics").GetProperty("itl_ms").GetProperty("n").GetInt32()); // 10 requests x 10 gaps
        Assert.True(s.GetProperty("throughput").GetProperty("requests_per_s").GetDouble() > 0);
    }

    [Fact]
    public void A_series_with_only_failures_has_null_metrics_not_zeros()
    {
        var analysis = RunAnalyzer.Analyze([Run(1, [Fail("a", 0, ErrorClass.HttpStatus, 0)])]);

        var s = Parse(w => SeriesJsonWriter.Write(w, analysis.Series[0]));

        Assert.Equal(JsonValueKind.Null, s.GetProperty("metrics").GetProperty("ttft_ms").ValueKind);
        Assert.Equal(1, s.GetProperty("errors").GetProperty("http_status").GetInt32());
    }

    [Fact]
    public void Run_report_and_compare_write_the_same_series_object_for_the_same_run()
    {
        var runs = new[] { Mixed(1), Mixed(2) };
        var analysis = RunAnalyzer.Analyze(runs);
        var single = RunAnalyzer.Analyze([runs[0]]);

        var run = Parse(w => RunSummaryJsonWriter.Write(w, 1, "r1", "completed", "x.db", single));
        var report = Parse(w => ReportJsonWriter.Write(w, single));
        var compare = Parse(w => CompareJsonWriter.Write(w, analysis, RunComparer.Compare(analysis), null));

        Assert.Equal(RunSummaryJsonWriter.Schema, run.GetProperty("schema").GetString());
        Assert.Equal(ReportJsonWriter.Schema, report.GetProperty("schema").GetString());
        Assert.Equal(CompareJsonWriter.Schema, compare.GetProperty("schema").GetString());
        var fromRun = run.GetProperty("series")[0];
        Assert.Equal(fromRun.GetRawText(), report.GetProperty("series")[0].GetRawText());
        Assert.Equal(report.GetProperty("findings").GetRawText(), run.GetProperty("findings").GetRawText());
        // Beside another run of the same backend/model, compare suffixes the display name ("a/m#1"); every other
        // field, and every number, is the same.
        var fromCompare = compare.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("run_id").GetInt64() == 1);
        Assert.Equal("a/m#1", fromCompare.GetProperty("name").GetString());
        Assert.Equal(WithoutName(fromRun), WithoutName(fromCompare));
    }

    private static string WithoutName(JsonElement series) =>
        string.Join("\n", series.EnumerateObject().Where(p => p.Name != "name").Select(p => p.Name + "=" + p.Value.GetRawText()));

    [Fact]
    public void Compare_uses_the_requests_the_analyzer_kept()
    {
        var runs = new[] { Mixed(1), Mixed(2) };
        var analysis = RunAnalyzer.Analyze(runs);

        var ttft = RunComparer.Compare(analysis)[0].Metrics[0];

        Assert.Equal(analysis.Series[0].Metric("ttft_ms")!.Summary!.N, ttft.Test!.NA);
        Assert.Equal(analysis.Series[0].Metric("ttft_ms")!.Summary!.Median.Value, ttft.Test.MedianA, 9);
    }
}
