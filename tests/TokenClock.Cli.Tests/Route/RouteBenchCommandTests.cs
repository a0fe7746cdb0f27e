using System.Text.Json;
using TokenClock.Cli.Tests.Testing;

namespace TokenClock.Cli.Tests.Route;

/// <summary><c>route-bench</c> through Spectre's CommandAppTester: results on stdout (one JSON document with --json),
/// progress on stderr.</summary>
public sealed class RouteBenchCommandTests
{
    [Fact]
    public async Task A_small_route_bench_runs_every_strategy_on_both_simulators_and_prints_one_json_document()
    {
        var (code, stdout, stderr) = await CliApp.RunAsync(
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
        Assert.StartsWith("route-bench: 8 requests x 5 strategies", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_text_table_goes_to_stdout_with_invariant_numbers_under_de_DE_and_the_progress_to_stderr()
    {
        var (code, stdout, stderr) = await CliApp.RunAsync(
            ["route-bench", "--words", "5,40", "--requests", "8", "--calibration", "6", "--concurrency", "8"], CliApp.German);

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n');
        Assert.StartsWith("Mean E2E (ms) by summary length; objective ", lines[0], StringComparison.Ordinal); // the default objective
        Assert.Matches(@"^strategy +5w +40w +p99 TTFT +extra$", lines[1]);
        foreach (var strategy in new[] { "hosted-api", "local-7b", "round-robin", "routing", "routing+hedging" })
            Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^{System.Text.RegularExpressions.Regex.Escape(strategy)} +\d+ +\d+ +\d+ +\d+\.\d%$"));
        Assert.Equal(5, lines.Count(l => l.StartsWith("PASS  ", StringComparison.Ordinal) || l.StartsWith("FAIL  ", StringComparison.Ordinal)));
        Assert.Contains("Where each length went (routing):", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("route-bench:", stdout, StringComparison.Ordinal);
        Assert.StartsWith("route-bench: 8 requests x 5 strategies", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--objective", "fastest", "--objective 'fastest'")]
    [InlineData("--words", "5,x", "--words 'x'")]
    [InlineData("--hedge-budget", "2", "--hedge-budget 2")]
    [InlineData("--concurrency", "0", "--concurrency 0")]
    [InlineData("--otlp-endpoint", "not a url", "--otlp-endpoint 'not a url'")]
    public async Task A_bad_value_exits_2_naming_the_flag_and_value(string flag, string value, string named)
    {
        var (code, _, stderr) = await CliApp.RunAsync(["route-bench", flag, value]);

        Assert.Equal(2, code);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
    }
}
