using TokenClock.Core.Backends;
using TokenClock.Core.Experiments;
using TokenClock.Core.Workloads;
using TokenClock.Tests.Support;
using TokenClock.Core.Settings;

namespace TokenClock.Core.Tests.Experiments;

/// <summary>The spec fields <c>dataset</c>, <c>slo</c> and <c>scrape</c>: bound as written, refused with the field named.</summary>
public sealed class SpecDatasetSloScrapeTests
{
    /// <summary>Stands for the dataset workload (which lives in TokenClock.Workloads): accepts anything.</summary>
    private sealed class AnyWorkload(string name) : IWorkloadFactory
    {
        public string Name => name;
        public IReadOnlyList<SettingProblem> Validate(WorkloadOptions options) => [];
        public IRequestSource Create(WorkloadOptions options, BackendOptions backend) => new FixedPromptSource(options.ToRequest("x"));
    }

    private static ExperimentSpec Read(string body)
    {
        var backends = new BackendRegistry().Add(new ScriptedBackendFactory("openai-compatible"));
        var workloads = WorkloadRegistry.CreateDefault().Add(new AnyWorkload("dataset")).Add(new AnyWorkload("synthetic"));
        return new ExperimentSpecReader(backends, workloads).Read("backends: [{ kind: openai-compatible, model: m }]\n" + body);
    }

    private static string Error(string body) => Assert.Throws<SpecValidationException>(() => Read(body)).Message;

    [Fact]
    public void Dataset_selects_the_dataset_workload_and_carries_the_file()
    {
        var settings = Assert.Single(Read("dataset: chats.jsonl\nworkload_options: { turns: all }").Settings);

        Assert.Equal("dataset", settings.Workload);
        Assert.Equal("chats.jsonl", settings.Request.Dataset);
        Assert.Equal("all", settings.Request.Options["turns"]);
    }

    [Fact]
    public void Dataset_with_another_workload_is_refused_naming_both()
    {
        Assert.Contains("dataset: conflicts with workload 'synthetic'", Error("dataset: chats.jsonl\nworkload: synthetic"), StringComparison.Ordinal);
        Assert.Equal("dataset", Assert.Single(Read("dataset: chats.jsonl\nworkload: dataset").Settings).Workload);
    }

    [Fact]
    public void Slo_is_kept_as_written_from_a_string_or_a_list()
    {
        Assert.Equal("ttft_p99<=1s,tpot<=50ms", Read("prompt: hi\nslo: \"ttft_p99<=1s,tpot<=50ms\"").Slo);
        Assert.Equal("ttft_p99<=1s,tpot<=50ms", Read("prompt: hi\nslo: [\"ttft_p99<=1s\", \"tpot<=50ms\"]").Slo);
        Assert.Null(Read("prompt: hi").Slo);
        Assert.Contains("slo: is empty", Error("prompt: hi\nslo: \" \""), StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_reads_url_and_interval_or_a_bare_url()
    {
        var full = Read("prompt: hi\nscrape: { url: http://127.0.0.1:9/metrics, interval: 250ms }").Scrape!;
        Assert.Equal("http://127.0.0.1:9/metrics", full.Url);
        Assert.Equal(TimeSpan.FromMilliseconds(250), full.Interval);
        var bare = Read("prompt: hi\nscrape: auto").Scrape!;
        Assert.Equal("auto", bare.Url);
        Assert.Null(bare.Interval);
    }

    [Theory]
    [InlineData("scrape: { interval: 1s }", "scrape.url: missing")]
    [InlineData("scrape: { url: ftp://x }", "scrape.url: 'ftp://x' is not an http(s) URL or auto")]
    [InlineData("scrape: nonsense", "scrape: 'nonsense' is not an http(s) URL or auto")]
    [InlineData("scrape: { url: auto, interval: 20m }", "scrape.interval: '20m' is outside 100ms to 10m")]
    [InlineData("scrape: { url: auto, port: 9 }", "scrape.port")]
    public void Bad_scrape_is_refused_naming_the_field(string yaml, string expected)
    {
        Assert.Contains(expected, Error("prompt: hi\n" + yaml), StringComparison.Ordinal);
    }
}
