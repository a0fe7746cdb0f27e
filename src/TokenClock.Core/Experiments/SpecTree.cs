using System.Globalization;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TokenClock.Core.Experiments;

/// <summary>
/// Parses YAML or JSON into one neutral tree (maps, lists, scalar strings, null) so both formats, and the
/// command-line flags, go through the same binder and produce the same field-path errors.
/// </summary>
public static class SpecTree
{
    public static Dictionary<string, object?> Parse(string text, string sourceName)
    {
        var trimmed = text.TrimStart();
        var root = trimmed.StartsWith('{') ? ParseJson(text, sourceName) : ParseYaml(text, sourceName);
        return root switch
        {
            Dictionary<string, object?> map => map,
            null => new Dictionary<string, object?>(),
            _ => throw new SpecValidationException([$"{sourceName}: the spec must be a mapping of fields (name, backends, prompt, ...), not a single value or a list"]),
        };
    }

    private static object? ParseJson(string text, string sourceName)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return FromJson(doc.RootElement, "", sourceName);
        }
        catch (JsonException ex)
        {
            throw new SpecValidationException([$"{sourceName}:{(ex.LineNumber ?? 0) + 1}: JSON syntax error: {ex.Message}"]);
        }
    }

    private static object? FromJson(JsonElement e, string path, string sourceName)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var p in e.EnumerateObject())
                {
                    var childPath = path.Length == 0 ? p.Name : $"{path}.{p.Name}";
                    if (!map.TryAdd(p.Name, FromJson(p.Value, childPath, sourceName)))
                        throw new SpecValidationException([$"{childPath}: field appears twice; keep one"]);
                }
                return map;
            case JsonValueKind.Array:
                return e.EnumerateArray().Select((x, i) => FromJson(x, $"{path}[{i}]", sourceName)).ToList();
            case JsonValueKind.String:
                return e.GetString();
            case JsonValueKind.Number:
                return e.GetRawText();
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            default:
                return null;
        }
    }

    private static object? ParseYaml(string text, string sourceName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new SpecValidationException([string.Create(CultureInfo.InvariantCulture,
                $"{sourceName}:{ex.Start.Line}: YAML syntax error: {ex.Message}")]);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these, not YamlException, on some broken documents (found by fuzzing).
            throw new SpecValidationException([$"{sourceName}: YAML syntax error: an unterminated [ ] or {{ }} collection or a stray character; check the brackets and quotes"]);
        }
        return stream.Documents.Count == 0 ? null : FromYaml(stream.Documents[0].RootNode, "");
    }

    private static object? FromYaml(YamlNode node, string path)
    {
        switch (node)
        {
            case YamlMappingNode m:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (k, v) in m.Children)
                {
                    var key = (k as YamlScalarNode)?.Value ?? k.ToString();
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if (!map.TryAdd(key, FromYaml(v, childPath)))
                        throw new SpecValidationException([string.Create(CultureInfo.InvariantCulture,
                            $"{childPath}: field appears twice (line {k.Start.Line}); keep one")]);
                }
                return map;
            case YamlSequenceNode s:
                return s.Children.Select((x, i) => FromYaml(x, $"{path}[{i}]")).ToList();
            case YamlScalarNode scalar:
                if (scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null")
                    return null;
                return scalar.Value;
            default:
                return null;
        }
    }
}
