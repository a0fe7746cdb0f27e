using System.Globalization;
using System.Text.RegularExpressions;
using TokenClock.Analysis.Statistics;

namespace TokenClock.Analysis.Slo;

/// <summary>
/// Reads <c>ttft_p99&lt;=1s,tpot&lt;=50ms,attainment&gt;=95%</c>: comma-separated <c>METRIC[_pP]&lt;=NUMBER UNIT</c>
/// (units ms, s, us) and at most one <c>attainment&gt;=PCT%</c>. Errors name the token and list what is valid.
/// </summary>
internal static partial class SloParser
{
    /// <summary>The metrics an SLO may name (latencies of docs/metrics.md), by short name.</summary>
    public static readonly IReadOnlyList<MetricDefinition> Metrics =
        [MetricCatalog.Ttft, MetricCatalog.Ttfb, MetricCatalog.Tpot, MetricCatalog.E2e, MetricCatalog.E2eFromSchedule, MetricCatalog.QueueDelay];

    private static string ValidMetrics => string.Join(", ", Metrics.Select(MetricCatalog.ShortName));

    private const string Key = SloFormatException.Setting;

    private const string Form = "write METRIC[_pP]<=VALUE UNIT, e.g. ttft_p99<=1s,tpot<=50ms,e2e_p95<=10s (attainment>=95% sets the good-request share)";

    public static SloSet Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new SloFormatException(n => $"{n(Key)} is empty; {Form}");
        var targets = new List<SloTarget>();
        double? attainment = null;
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (raw.Length == 0) throw new SloFormatException(n => $"{n(Key)} '{text}' has an empty item (two commas?); {Form}");
            var token = raw.Replace(" ", "", StringComparison.Ordinal);
            var share = Attainment().Match(token);
            if (share.Success)
            {
                if (attainment is not null) throw new SloFormatException(n => $"{n(Key)} '{raw}': attainment is given twice; give it once");
                var pct = double.Parse(share.Groups[1].Value, CultureInfo.InvariantCulture);
                if (pct is <= 0 or > 100) throw new SloFormatException(n => $"{n(Key)} '{raw}': attainment must be above 0% and at most 100%");
                attainment = pct / 100;
                continue;
            }
            targets.Add(Target(raw, token));
        }
        if (targets.Count == 0) throw new SloFormatException(n => $"{n(Key)} '{text}' has no latency objective; {Form}");
        var dup = targets.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new SloFormatException(n => $"{n(Key)}: '{dup.Key}' is given twice ({string.Join(" and ", dup.Select(t => t.Text))}); keep one");
        if (attainment is not null && targets.All(t => t.Percentile is not null))
            throw new SloFormatException(n => $"{n(Key)}: attainment applies to per-request objectives (e.g. ttft<=1s), and '{text}' has none; add one or drop attainment");
        return new SloSet(targets, attainment ?? SloSet.DefaultAttainment, text.Trim());
    }

    private static SloTarget Target(string raw, string token)
    {
        var m = Item().Match(token);
        if (!m.Success)
        {
            var hint = token.Contains(">=", StringComparison.Ordinal) || token.Contains('<', StringComparison.Ordinal) && !token.Contains("<=", StringComparison.Ordinal)
                ? "latency objectives use <= (at most)"
                : "it is not METRIC[_pP]<=VALUE UNIT";
            throw new SloFormatException(n => $"{n(Key)} '{raw}': {hint}; {Form}; metrics: {ValidMetrics}");
        }
        var name = m.Groups["metric"].Value.ToLowerInvariant();
        var metric = Metrics.FirstOrDefault(d => MetricCatalog.ShortName(d) == name)
            ?? throw new SloFormatException(n => $"{n(Key)} '{raw}': '{name}' is not a latency metric an SLO can bound; valid: {ValidMetrics}");
        double? percentile = null;
        if (m.Groups["p"].Success)
        {
            var p = double.Parse(m.Groups["p"].Value, CultureInfo.InvariantCulture);
            if (p is <= 0 or >= 100) throw new SloFormatException(n => $"{n(Key)} '{raw}': percentile p{m.Groups["p"].Value} must be between p0 and p100 exclusive, e.g. p50, p95, p99, p99.9");
            percentile = p;
        }
        var value = double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        var unit = m.Groups["unit"].Value.ToLowerInvariant();
        double scale = unit switch
        {
            "ms" => 1,
            "s" => 1000,
            "us" or "µs" => 0.001,
            "" => throw new SloFormatException(n => $"{n(Key)} '{raw}': '{m.Groups["value"].Value}' has no unit; write it with ms, s or us, e.g. {name}<={m.Groups["value"].Value}ms"),
            _ => throw new SloFormatException(n => $"{n(Key)} '{raw}': unit '{m.Groups["unit"].Value}' is unknown; valid units: ms, s, us"),
        };
        if (!(value > 0) || !double.IsFinite(value)) throw new SloFormatException(n => $"{n(Key)} '{raw}': the threshold must be a positive time");
        return new SloTarget(metric, percentile, value * scale, raw);
    }

    [GeneratedRegex(@"^(?<metric>[A-Za-z_][A-Za-z0-9_]*?)(?:_p(?<p>\d+(?:\.\d+)?))?<=(?<value>\d+(?:\.\d+)?)(?<unit>[A-Za-zµ]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Item();

    [GeneratedRegex(@"^attainment>=(\d+(?:\.\d+)?)%$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Attainment();
}
