using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using TokenClock.Routing.Bench;
using TokenClock.Routing.Routing;

namespace TokenClock.Cli.Commands.Route;

/// <summary>Prints a routing benchmark: per strategy and bucket, where each length went, and the targets.</summary>
internal static class RouteBenchOutput
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static void WriteText(RouteBenchSummary summary, TextWriter o)
    {
        var metric = summary.Objective == RoutingObjective.TimeToFirstToken ? "TTFT" : "E2E";
        var buckets = summary.Strategies[0].Buckets.Select(b => b.Bucket).ToList();
        o.WriteLine($"Mean {metric} (ms) by summary length; objective {summary.Objective}");
        o.WriteLine(Row("strategy", buckets.Select(b => b).Append("p99 TTFT").Append("extra")));
        foreach (var s in summary.Strategies)
            o.WriteLine(Row(s.Strategy, s.Buckets.Select(b => N(summary.Objective == RoutingObjective.TimeToFirstToken ? b.MeanTtftMs : b.MeanE2eMs))
                .Append(N(s.P99TtftMs)).Append(s.ExtraRequestShare.ToString("0.0%", CultureInfo.InvariantCulture))));
        o.WriteLine();
        foreach (var s in summary.Strategies.Where(s => s.Strategy.StartsWith("routing", StringComparison.Ordinal)))
        {
            o.WriteLine($"Where each length went ({s.Strategy}):");
            foreach (var b in s.Buckets)
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {b.Bucket,6} ({b.OutputTokens,4} tokens): {string.Join(", ", b.AnsweredBy.Select(kv => $"{kv.Key} {kv.Value}"))}{(b.Errors > 0 ? $", {b.Errors} failed" : "")}"));
        }
        o.WriteLine();
        foreach (var c in summary.Checks)
            o.WriteLine($"{(c.Passed ? "PASS" : "FAIL")}  {c.Name}: {c.Detail}");
    }

    public static void WriteJson(TextWriter stdout, RouteBenchSummary summary, RouteBenchSettings settings, RouteBenchRun run) =>
        stdout.WriteLine(JsonSerializer.Serialize(new
        {
            schema = "tokenclock.route-bench/1",
            objective = summary.Objective,
            requests_per_strategy = run.RequestsPerStrategy,
            concurrency = settings.Concurrency,
            seed = settings.Seed,
            strategies = summary.Strategies,
            checks = summary.Checks,
        }, Json));

    private static string Row(string first, IEnumerable<string> rest) =>
        $"{first,-17}" + string.Concat(rest.Select(r => $"{r,10}"));

    private static string N(double v) => double.IsNaN(v) ? "-" : v.ToString("0", CultureInfo.InvariantCulture);
}
