using System.Text.Json;
using TokenClock.Tests.Support;

namespace TokenClock.Cli.Tests.Route;

[Collection(ConsoleCollection.Name)]
public sealed class RouteBenchCommandTests
{
    [Fact]
    public async Task A_small_route_bench_runs_every_strategy_on_both_simulators_and_prints_one_json_document()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync(
            ["route-bench", "--words", "5,40", "--requests", "8", "--calibration", "6", "--concurrency", "8", "--json"]);

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("tokenclock.route-bench/1", root.GetProperty("schema").GetString());
        Assert.Equal(8, root.GetProperty("requests_per_strategy").GetInt32());
        var strategies = root.GetProperty("strategies").EnumerateArray().Select(s => s.GetProperty("strategy").GetString()).ToList();
        Assert.Equal(["hosted-api", "local-7b", "round-robin", "routing", "routing+hedging"], strategies.Order(StringComparer.Ordinal));
        foreach (var s in root.GetProperty("strategies").EnumerateArray())
        {
            var buckets = s.GetProperty("buckets").EnumerateArray().ToList();
            Assert.Equal(["5w", "40w"], buckets.Select(b => b.GetProperty("bucket").GetString()));
            Assert.All(buckets, b => Assert.Equal(4, b.GetProperty("count").GetInt32()));
        }
        // A single backend answers only as itself: the model name on the wire says who answered.
        var hostedOnly = root.GetProperty("strategies").EnumerateArray().First(s => s.GetProperty("strategy").GetString() == "hosted-api");
        Assert.All(hostedOnly.GetProperty("buckets").EnumerateArray(), b =>
            Assert.Equal(["hosted-api"], b.GetProperty("answered_by").EnumerateObject().Select(p => p.Name)));
        Assert.Equal(5, root.GetProperty("checks").GetArrayLength());
    }

    [Theory]
    [InlineData("--objective", "fastest", "--objective 'fastest'")]
    [InlineData("--words", "5,x", "--words 'x'")]
    [InlineData("--hedge-budget", "2", "--hedge-budget 2")]
    [InlineData("--concurrency", "0", "--concurrency 0")]
    [InlineData("--otlp-endpoint", "not a url", "--otlp-endpoint 'not a url'")]
    public async Task A_bad_value_exits_2_naming_the_flag_and_value(string flag, string value, string named)
    {
        var (code, _, stderr) = await CliHarness.RunAsync(["route-bench", flag, value]);

        Assert.Equal(2, code);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
    }
}
