using System.Globalization;
using System.Text.Json;
using YamlDotNet.Core;

namespace TokenClock.Core.Experiments;

/// <summary>
/// Parses YAML or JSON into one neutral tree (maps, lists, scalar strings, null) so both formats, and the
/// command-line flags, go through the same binder and produce the same field-path errors.
/// </summary>
public static class SpecTree
{
    /// <summary>Largest spec accepted, in bytes (a real spec is a few KiB).</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>Reads a spec file with the size limit; the file must be a regular file.</summary>
    public static Dictionary<string, object?> ReadFile(string path)
    {
        if (!File.Exists(path))
            throw new SpecValidationException([$"{path}: spec file not found; give the path of a .yaml or .json experiment file"]);
        var text = BoundedFile.ReadText(path, MaxBytes)
            ?? throw new SpecValidationException([string.Create(CultureInfo.InvariantCulture,
                $"{path}: the spec file is larger than the limit of {MaxBytes} bytes (1 MiB), or not a regular file. A spec lists backends and settings; put prompts in a workload file")]);
        return Parse(text, Path.GetFileName(path));
    }

    /// <summary>Parses YAML or JSON text (JSON when its first non-blank character is <c>{</c>) into the neutral tree; <paramref name="sourceName"/> names the source in errors. Throws <see cref="SpecValidationException"/> on a syntax error or text over <see cref="MaxBytes"/> characters.</summary>
    public static Dictionary<string, object?> Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxBytes)
            throw new SpecValidationException([string.Create(CultureInfo.InvariantCulture,
                $"{sourceName}: the spec is {text.Length} characters; the limit is {MaxBytes} (1 MiB). A spec lists backends and settings; put prompts in a workload file")]);
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
        try
        {
            return new YamlTreeBuilder(sourceName).Build(new Parser(new StringReader(text)));
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
    }
}
