using System.Globalization;
using System.Text;
using System.Text.Json;
using ScottPlot;
using TokenClock.Analysis.Runs;
using TokenClock.Analysis.Synthetic;
using TokenClock.Reporting.Exporters;
using TokenClock.Reporting.Json;
using TokenClock.Reporting.Plots;

namespace TokenClock.Reporting.Tests;

/// <summary>The report's Load column, per-turn groups, hidden quality scores and legends that leave every point visible.</summary>
public sealed class ReportLoadGroupsLegendTests
{
    private static readonly AnalysisOptions Quick = new() { PercentileResamples = 50, FitResamples = 30 };

    private static Dictionary<string, string> LoadTags(string kind, string value, string text) =>
        new() { ["load"] = text, ["load_kind"] = kind, ["load_value"] = value };

    /// <summary>One run holding a closed-loop sweep: concurrency 1, 4, 16, one after another on the run clock.</summary>
    private static RunData Sweep()
    {
        var points = new[] { "1", "4", "16" }.Select((c, i) => TestRuns.Fast with
        {
            Backend = $"llamacpp [concurrency {c}]", WithScores = false, TtftMs = 100 * (i + 1),
            Tags = LoadTags("concurrency", c, "concurrency " + c),
        }).ToArray();
        var run = SyntheticRunGenerator.Generate(5, "sweep", points, 30, seed: 1);
        // The generator starts every series at the same instant; shift each point after the previous one.
        var shifted = run.Requests.Select(r => r with
        {
            ScheduledNs = r.ScheduledNs + Offset(r), SentNs = r.SentNs + Offset(r), FirstTokenNs = r.FirstTokenNs + Offset(r),
            LastTokenNs = r.LastTokenNs + Offset(r), EndNs = r.EndNs + Offset(r),
            Chunks = r.Chunks.Select(c => c with { TimeNs = c.TimeNs + Offset(r) }).ToArray(),
        }).ToArray();
        return run with { Requests = shifted };

        static long Offset(Core.Results.RequestRecord r) => r.Backend.Contains("[concurrency 16]", StringComparison.Ordinal) ? 2_000_000_000_000
            : r.Backend.Contains("[concurrency 4]", StringComparison.Ordinal) ? 1_000_000_000_000 : 0;
    }

    [Fact]
    public void Load_column_names_the_pattern_and_the_sweep_point()
    {
        var report = RunAnalyzer.Analyze([Sweep()], Quick);

        var load = ReportTables.Overview(report).Rows.ToDictionary(row => row[1], row => row[6]);

        Assert.Equal("closed loop, 1 in flight (point 1 of 3)", load["llamacpp [concurrency 1]/qwen-0.5b"]);
        Assert.Equal("closed loop, 4 in flight (point 2 of 3)", load["llamacpp [concurrency 4]/qwen-0.5b"]);
        Assert.Equal("closed loop, 16 in flight (point 3 of 3)", load["llamacpp [concurrency 16]/qwen-0.5b"]);
    }

    [Fact]
    public void Load_column_falls_back_to_the_stored_spec_when_requests_carry_no_load_tags()
    {
        var run = SyntheticRunGenerator.Generate(6, "cluster", [TestRuns.Fast], 20, seed: 2);
        run = run with { Run = run.Run with { Info = run.Run.Info with { SpecJson =
            """{"name":"c","settings":[{"load":{"pattern":{"kind":"rate","concurrency":1,"rate":12.5,"arrival":"gamma","burstiness":2,"seed":42},"requests":20}}]}""" } } };

        var row = Assert.Single(ReportTables.Overview(RunAnalyzer.Analyze([run], Quick)).Rows);

        Assert.Equal("open loop, 12.5 req/s gamma cv=2", row[6]);
    }

    [Fact]
    public void Turn_groups_appear_in_markdown_html_and_json_only_when_requests_carry_turns()
    {
        var plain = SyntheticRunGenerator.Generate(7, "plain", [TestRuns.Fast with { WithScores = false }], 40, seed: 3);
        var turns = plain with
        {
            Run = plain.Run with { Id = 8 },
            Requests = plain.Requests.Select((r, i) => r with { Tags = new Dictionary<string, string> { ["turn"] = (i % 2 + 1).ToString(CultureInfo.InvariantCulture) } }).ToArray(),
        };

        string Json(AnalysisReport r)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream)) ReportJsonWriter.Write(w, r);
            return Encoding.UTF8.GetString(stream.ToArray());
        }
        var withTurns = RunAnalyzer.Analyze([turns], Quick);
        var without = RunAnalyzer.Analyze([plain], Quick);

        var md = MarkdownReportExporter.Render(new ReportDocument(withTurns, []));
        Assert.Contains("#### llamacpp/qwen-0.5b: by turn", md, StringComparison.Ordinal);
        Assert.Contains("| turn 2 | 20 |", md, StringComparison.Ordinal);
        Assert.Contains("id=\"series-0-groups\"", HtmlReportExporter.Render(new ReportDocument(withTurns, [])), StringComparison.Ordinal);
        var groups = JsonDocument.Parse(Json(withTurns)).RootElement.GetProperty("series")[0].GetProperty("groups");
        Assert.Equal(["1", "2"], groups.EnumerateArray().Select(g => g.GetProperty("value").GetString()));
        Assert.True(groups[0].GetProperty("ttft_ms").GetProperty("p50").GetDouble() > 0);

        Assert.DoesNotContain("by turn", MarkdownReportExporter.Render(new ReportDocument(without, [])), StringComparison.Ordinal);
        Assert.DoesNotContain("-groups\"", HtmlReportExporter.Render(new ReportDocument(without, [])), StringComparison.Ordinal);
        Assert.False(JsonDocument.Parse(Json(without)).RootElement.GetProperty("series")[0].TryGetProperty("groups", out _));
    }

    [Fact]
    public void Quality_figure_leaves_out_series_whose_text_means_nothing()
    {
        var report = TestRuns.TwoBackends(40);

        var all = ReportPlots.CreateAll(report, new PlotOptions { RenderSvg = false });
        var none = ReportPlots.CreateAll(report, new PlotOptions { RenderSvg = false, TextNotMeaningful = _ => "random weights" });
        var one = ReportPlots.CreateAll(report, new PlotOptions { TextNotMeaningful = s => s.Backend == "openai" ? "random weights" : null });

        Assert.Contains(all, p => p.Id == "quality-vs-latency");
        Assert.DoesNotContain(none, p => p.Id == "quality-vs-latency");
        var svg = one.Single(p => p.Id == "quality-vs-latency").Svg;
        Assert.Contains("llamacpp/qwen-0.5b", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("openai/gpt-4o-mini", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Throughput_vs_latency_legend_box_covers_no_plotted_point()
    {
        var report = RunAnalyzer.Analyze([Sweep()], Quick);
        var plot = ReportPlots.ThroughputVsLatencyPlot(report)!;

        ReportPlots.PlaceLegend(plot);
        plot.GetImageBytes(900, 520, ImageFormat.Png);

        var layout = plot.RenderManager.LastRender.Layout;
        var panel = plot.Axes.GetPanels().Single(p => p is ScottPlot.Panels.LegendPanel);
        // The legend panel sits below the data area: its box spans offset..offset+size under DataRect.Bottom.
        var top = layout.DataRect.Bottom + layout.PanelOffsets[panel];
        var bottom = top + layout.PanelSizes[panel];
        Assert.True(layout.PanelSizes[panel] > 0, "the legend has items to show");
        var points = plot.GetPlottables<ScottPlot.Plottables.Scatter>().SelectMany(s => s.Data.GetScatterPoints()).ToList();
        Assert.Equal(3, points.Count);
        Assert.All(points, c =>
        {
            var px = plot.GetPixel(c);
            Assert.True(px.Y < top || px.Y > bottom, $"point at ({px.X}, {px.Y}) is under the legend box y {top}..{bottom}");
            Assert.InRange(px.Y, layout.DataRect.Top - 1, layout.DataRect.Bottom + 1);
        });
    }
}
