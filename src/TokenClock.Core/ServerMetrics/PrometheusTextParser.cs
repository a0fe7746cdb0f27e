using System.Globalization;
using System.Text;

namespace TokenClock.Core.ServerMetrics;

/// <summary>
/// A strict reader of the Prometheus text exposition format (version 0.0.4), as served on /metrics by vLLM,
/// TGI, llama.cpp's server and our own. No maintained .NET parser for it is available here (prometheus-net
/// and OpenTelemetry only write the format), so this one follows the format's rules and refuses anything
/// else with the line: <c># HELP</c>/<c># TYPE</c> lines, other comments, and samples
/// <c>name{label="value",...} value [timestamp]</c> with escapes <c>\\</c>, <c>\"</c>, <c>\n</c> in label
/// values and Go-style floats (<c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>).
/// </summary>
public static class PrometheusTextParser
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    /// <summary>Parses a Prometheus text-format body into its samples, in order; throws <see cref="PrometheusFormatException"/> naming the first bad line.</summary>
    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            if (line[0] == '#')
            {
                ReadComment(line, n + 1, types);
                continue;
            }
            samples.Add(ReadSample(line, n + 1, types));
        }
        return samples;
    }

    private static void ReadComment(string line, int number, Dictionary<string, string> types)
    {
        var parts = line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || parts[1] is not ("TYPE" or "HELP")) return; // an ordinary comment
        if (parts.Length < 3 || !IsMetricName(parts[2]))
            throw new PrometheusFormatException(number, $"# {parts[1]} needs a valid metric name", line);
        if (parts[1] == "HELP") return;
        var type = parts.Length == 4 ? parts[3].Trim() : "";
        if (!Types.Contains(type, StringComparer.Ordinal))
            throw new PrometheusFormatException(number, $"unknown metric type '{type}' (valid: {string.Join(", ", Types)})", line);
        if (!types.TryAdd(parts[2], type))
            throw new PrometheusFormatException(number, $"a second # TYPE for '{parts[2]}'", line);
    }

    private static PrometheusSample ReadSample(string line, int number, Dictionary<string, string> types)
    {
        var i = 0;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or ':')) i++;
        var name = line[..i];
        if (!IsMetricName(name)) throw new PrometheusFormatException(number, "a sample must start with a metric name", line);

        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{') i = ReadLabels(line, i + 1, number, labels);

        var rest = line[i..].Trim(' ', '\t');
        var fields = rest.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is 0 or > 2 || (i < line.Length && line[i] is not (' ' or '\t')))
            throw new PrometheusFormatException(number, "expected a value (and optionally a timestamp) after the name and labels", line);
        if (!TryParseValue(fields[0], out var value))
            throw new PrometheusFormatException(number, $"'{fields[0]}' is not a number", line);
        if (fields.Length == 2 && !long.TryParse(fields[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            throw new PrometheusFormatException(number, $"timestamp '{fields[1]}' is not an integer of milliseconds", line);

        return new PrometheusSample(name, Canonical(labels), value, TypeOf(name, labels, types));
    }

    private static int ReadLabels(string line, int i, int number, SortedDictionary<string, string> labels)
    {
        while (true)
        {
            while (i < line.Length && line[i] == ' ') i++;
            if (i < line.Length && line[i] == '}') return i + 1;
            var start = i;
            while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] == '_')) i++;
            var label = line[start..i];
            if (label.Length == 0 || char.IsAsciiDigit(label[0]))
                throw new PrometheusFormatException(number, "expected a label name", line);
            while (i < line.Length && line[i] == ' ') i++;
            if (i + 1 >= line.Length || line[i] != '=' || line[i + 1] != '"')
                throw new PrometheusFormatException(number, $"label '{label}' needs =\"value\"", line);
            i += 2;
            var value = new StringBuilder();
            while (true)
            {
                if (i >= line.Length) throw new PrometheusFormatException(number, $"label '{label}' has an unterminated value", line);
                var c = line[i++];
                if (c == '"') break;
                if (c != '\\') { value.Append(c); continue; }
                if (i >= line.Length) throw new PrometheusFormatException(number, "a line ends inside an escape", line);
                value.Append(line[i++] switch
                {
                    '\\' => '\\',
                    '"' => '"',
                    'n' => '\n',
                    var e => throw new PrometheusFormatException(number, $"unknown escape '\\{e}' in label '{label}'", line),
                });
            }
            if (!labels.TryAdd(label, value.ToString()))
                throw new PrometheusFormatException(number, $"label '{label}' appears twice", line);
            while (i < line.Length && line[i] == ' ') i++;
            if (i < line.Length && line[i] == ',') { i++; continue; }
            if (i < line.Length && line[i] == '}') return i + 1;
            throw new PrometheusFormatException(number, "expected ',' or '}' after a label", line);
        }
    }

    private static bool TryParseValue(string s, out double value)
    {
        switch (s)
        {
            case "+Inf" or "Inf": value = double.PositiveInfinity; return true;
            case "-Inf": value = double.NegativeInfinity; return true;
            case "NaN": value = double.NaN; return true;
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    // A histogram's or summary's series (_bucket, _sum, _count) belong to the family declared without the suffix.
    private static string TypeOf(string name, SortedDictionary<string, string> labels, Dictionary<string, string> types)
    {
        if (types.TryGetValue(name, out var t)) return t;
        foreach (var suffix in (string[])["_bucket", "_sum", "_count"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && types.TryGetValue(name[..^suffix.Length], out var family)
                && family is "histogram" or "summary" && (suffix != "_bucket" || labels.ContainsKey("le")))
                return family;
        }
        return "untyped";
    }

    private static bool IsMetricName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');

    /// <summary>Labels as <c>{a="1",b="x"}</c> in name order, escaped as the format escapes them; "" when none.</summary>
    public static string Canonical(IEnumerable<KeyValuePair<string, string>> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var parts = labels.OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => l.Key + "=\"" + l.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"")
            .ToList();
        return parts.Count == 0 ? "" : "{" + string.Join(",", parts) + "}";
    }
}
