using System.Globalization;
using System.Text.RegularExpressions;
using TokenClock.Core.Settings;

namespace TokenClock.Core.Experiments;

/// <summary>
/// Reads typed values out of a spec tree, collecting every error as a problem of its field path ("path: 'value' is not ...; valid: ...").
/// A lookup may go through several layers (a settings variant over the top-level defaults).
/// </summary>
internal sealed partial class SpecBinder
{
    public List<SettingProblem> Errors { get; } = [];

    public void Error(string path, string message) => Errors.Add(new SettingProblem(path, n => $"{n(path)}: {message}"));

    /// <summary>An error whose message names other fields: <paramref name="message"/> names them through its argument.</summary>
    public void Error(string path, Func<Func<string, string>, string> message) => Errors.Add(new SettingProblem(path, n => $"{n(path)}: {message(n)}"));

    /// <summary>Rejects fields not in <paramref name="allowed"/>, suggesting the closest valid one.</summary>
    public void CheckFields(Dictionary<string, object?> map, string path, IReadOnlyCollection<string> allowed)
    {
        foreach (var key in map.Keys)
        {
            if (allowed.Contains(key)) continue;
            var fieldPath = Join(path, key);
            var best = Closest(key, allowed);
            var hint = best is null ? "" : $"; did you mean '{best}'?";
            Error(fieldPath, $"unknown field '{key}'{hint} valid fields: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}");
        }
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public Dictionary<string, object?>? Map(object? node, string path)
    {
        if (node is null) return null;
        if (node is Dictionary<string, object?> map) return map;
        Error(path, $"{Describe(node)} is not a mapping; expected fields such as `{path.Split('.')[^1]}: {{ ... }}`");
        return null;
    }

    public List<object?>? List(object? node, string path)
    {
        if (node is null) return null;
        if (node is List<object?> list) return list;
        Error(path, $"{Describe(node)} is not a list; write it as [a, b] or one '- item' per line");
        return null;
    }

    public string? Text(object? node, string path)
    {
        switch (node)
        {
            case null: return null;
            case string s: return s;
            default:
                Error(path, $"{Describe(node)} is not a text value");
                return null;
        }
    }

    public int? Int(object? node, string path, int min, int max = int.MaxValue)
    {
        var s = Text(node, path);
        if (s is null) return null;
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
        {
            Error(path, $"'{s}' is not a whole number; expected an integer from {min} to {max}");
            return null;
        }
        if (v < min || v > max)
        {
            Error(path, string.Create(CultureInfo.InvariantCulture, $"'{v}' is out of range; allowed: {min} to {max}"));
            return null;
        }
        return v;
    }

    public double? Number(object? node, string path, double min, double max, bool minExclusive = false)
    {
        var s = Text(node, path);
        if (s is null) return null;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
        {
            Error(path, $"'{s}' is not a number; expected a number {Range(min, max, minExclusive)}");
            return null;
        }
        if ((minExclusive ? v <= min : v < min) || v > max)
        {
            Error(path, $"'{s}' is out of range; allowed: {Range(min, max, minExclusive)}");
            return null;
        }
        return v;
    }

    public bool? Bool(object? node, string path)
    {
        var s = Text(node, path);
        if (s is null) return null;
        switch (s.ToLowerInvariant())
        {
            case "true" or "yes" or "on": return true;
            case "false" or "no" or "off": return false;
            default:
                Error(path, $"'{s}' is not a boolean; valid: true, false");
                return null;
        }
    }

    /// <summary>Seconds as a number ("30", "0.5") or with a unit ("500ms", "30s", "2m", "1h").</summary>
    public TimeSpan? Duration(object? node, string path)
    {
        var s = Text(node, path);
        if (s is null) return null;
        var m = DurationPattern().Match(s.Trim());
        if (m.Success && double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0)
        {
            var seconds = m.Groups[2].Value switch { "ms" => v / 1000, "m" => v * 60, "h" => v * 3600, _ => v };
            if (seconds <= 7 * 24 * 3600) return TimeSpan.FromSeconds(seconds);
        }
        Error(path, $"'{s}' is not a duration; expected positive seconds (30, 0.5) or a number with a unit: 500ms, 30s, 2m, 1h (at most a week)");
        return null;
    }

    public T? Choice<T>(object? node, string path, string what, IReadOnlyDictionary<string, T> allowed) where T : struct
    {
        var s = Text(node, path);
        if (s is null) return null;
        if (allowed.TryGetValue(s.Trim().ToLowerInvariant(), out var v)) return v;
        var best = Closest(s, allowed.Keys.ToArray());
        var hint = best is null ? "" : $" (did you mean '{best}'?)";
        Error(path, $"'{s}' is not {what}; valid: {string.Join(", ", allowed.Keys.Order(StringComparer.Ordinal))}{hint}");
        return null;
    }

    public Dictionary<string, string>? StringMap(object? node, string path)
    {
        var map = Map(node, path);
        if (map is null) return null;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map)
        {
            var s = Text(v, Join(path, k));
            if (s is not null) result[k] = s;
        }
        return result;
    }

    private static string Range(double min, double max, bool minExclusive) =>
        string.Create(CultureInfo.InvariantCulture, $"{(minExclusive ? "greater than" : "from")} {min} {(minExclusive ? "and at most" : "to")} {max}");

    public static string Describe(object? node) => node switch
    {
        null => "an empty value",
        string s => $"'{s}'",
        List<object?> => "a list",
        _ => "a mapping",
    };

    /// <summary>The closest candidate by edit distance, ignoring case and '-'/'_' style; null when nothing is close.</summary>
    public static string? Closest(string value, IReadOnlyCollection<string> candidates)
    {
        static string Norm(string s) => s.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        var v = Norm(value);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = Distance(v, Norm(c));
            if (d < bestDistance) (best, bestDistance) = (c, d);
        }
        return bestDistance <= Math.Max(2, value.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }

    [GeneratedRegex(@"^([0-9]*\.?[0-9]+)\s*(ms|s|m|h)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
