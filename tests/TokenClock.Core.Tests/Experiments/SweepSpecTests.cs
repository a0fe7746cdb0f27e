using TokenClock.Core.Backends;
using TokenClock.Core.Experiments;
using TokenClock.Core.Load;
using TokenClock.Core.Results;
using TokenClock.Core.Workloads;
using TokenClock.Tests.Support;

namespace TokenClock.Core.Tests.Experiments;

/// <summary>Load lists and rate sweeps in specs, planned points, and the load tags every record carries.</summary>
public sealed class SweepSpecTests
{
    private static readonly BackendRegistry Backends = new BackendRegistry().Add(new ScriptedBackendFactory());
    private static readonly ExperimentSpecReader Reader = new(Backends, WorkloadRegistry.CreateDefault());

    private const string Head = """
        prompt: hi
        requests: 3
        backends: [{ kind: scripted, model: m }]
        """;

    [Fact]
    public void A_rate_list_makes_one_variant_per_point_labelled_by_its_load()
    {
        var spec = Reader.Read(Head + "\nload: { rate: [1, 2.5, 4], arrival: constant }");

        Assert.Equal(["rate 1 req/s constant", "rate 2.5 req/s constant", "rate 4 req/s constant"], spec.Settings.Select(s => s.Label!).ToArray());
        Assert.All(spec.Settings, s => Assert.Equal(LoadKind.Rate, s.Load.Pattern.Kind));
        Assert.All(spec.Settings, s => Assert.Equal(ArrivalProcess.Constant, s.Load.Pattern.Arrival));
        Assert.Equal([1, 2.5, 4], spec.Settings.Select(s => s.Load.Pattern.Rate).ToArray());
        Assert.Equal(3, spec.Cells().Count);
    }

    [Fact]
    public void A_comma_separated_concurrency_from_flags_sweeps_too_and_keeps_a_variant_label()
    {
        var spec = Reader.Read(Head + "\nsettings: [{ label: short, max_tokens: 8, load: { concurrency: '1,2,8' } }]");

        Assert.Equal(["short concurrency 1", "short concurrency 2", "short concurrency 8"], spec.Settings.Select(s => s.Label!).ToArray());
        Assert.Equal([1, 2, 8], spec.Settings.Select(s => s.Load.Pattern.Concurrency).ToArray());
        Assert.All(spec.Settings, s => Assert.Equal(8, s.Request.MaxTokens));
    }

    [Fact]
    public void Rate_sweep_is_a_single_template_with_its_point_count()
    {
        var spec = Reader.Read(Head + "\nload: { rate: sweep, sweep_points: 5 }");

        var settings = Assert.Single(spec.Settings);
        Assert.Equal(5, settings.RateSweepPoints);
        Assert.Equal(8, Assert.Single(Reader.Read(Head + "\nload: { rate: sweep }").Settings).RateSweepPoints);
    }

    [Theory]
    [InlineData("load: { rate: [1, 2], concurrency: [1, 2] }", "load.rate", "not both")]
    [InlineData("load: { rate: [1, -2] }", "load.rate", "-2")]
    [InlineData("load: { rate: [1, 1] }", "load.rate", "appears twice")]
    [InlineData("load: { concurrency: 2, sweep_points: 3 }", "load.sweep_points", "rate: sweep")]
    [InlineData("load: { rate: sweep }\nsettings: [{ label: a }, { label: b }]", "load.rate", "one settings variant")]
    public void Bad_sweeps_are_refused_naming_the_field(string load, string field, string message)
    {
        var ex = Assert.Throws<SpecValidationException>(() => Reader.Read(Head + "\n" + load));

        Assert.Contains(ex.Errors, e => e.StartsWith(field, StringComparison.Ordinal) && e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_record_is_tagged_with_its_points_load_and_planned_points_see_their_records()
    {
        var spec = Reader.Read(Head + "\nload: { concurrency: [1, 2] }");
        var sink = new MemorySink();

        await new ExperimentRunner(Backends, WorkloadRegistry.CreateDefault(), sink).RunAsync(spec);

        var byCell = sink.Records.GroupBy(r => r.Backend).ToDictionary(g => g.Key, g => g.ToArray());
        Assert.All(byCell["scripted/m [concurrency 2]"], r =>
        {
            Assert.Equal("concurrency 2", r.Tags[LoadTags.Load]);
            Assert.Equal("concurrency", r.Tags[LoadTags.Kind]);
            Assert.Equal("2", r.Tags[LoadTags.Value]);
        });

        var planner = new TwoRates();
        var planned = await new ExperimentRunner(Backends, WorkloadRegistry.CreateDefault(), new MemorySink())
            .RunPlannedAsync(Reader.Read(Head), planner);
        Assert.Equal(2, planned.Cells.Count);
        Assert.Equal("scripted/m [rate 50 req/s constant]", planned.Cells[1].Cell.Label);
        Assert.Equal([3, 3], planner.Seen);
    }

    /// <summary>Plans a second rate from the first point's records (as a sweep or search does).</summary>
    private sealed class TwoRates : ILoadPlanner
    {
        public List<int> Seen { get; } = [];

        public ExperimentSettings? Next(IReadOnlyList<PlannedPoint> done)
        {
            if (done.Count > 0) Seen.Add(done[^1].Records.Count(r => r.Phase == RequestPhase.Measured));
            if (done.Count >= 2) return null;
            var rate = done.Count == 0 ? 20 : 50;
            return new ExperimentSettings
            {
                Request = new WorkloadOptions { Prompt = "hi" },
                Load = new LoadOptions { Pattern = LoadPattern.OpenLoop(rate, ArrivalProcess.Constant), Requests = 3 },
            };
        }
    }
}
