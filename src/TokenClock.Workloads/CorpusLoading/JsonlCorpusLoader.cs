using System.Globalization;
using System.Text.Json;

namespace TokenClock.Workloads.CorpusLoading;

/// <summary>
/// JSON Lines with a <c>document</c> field and optional <c>summary</c> (reference), <c>id</c> and <c>title</c>
/// fields: the common export format of summarization data sets. Bad lines are skipped with a warning naming
/// the file and line.
/// </summary>
internal static class JsonlCorpusLoader
{
    public static CorpusLoadResult Load(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Corpus file '{path}' does not exist; pass a .jsonl file or a folder of .txt/.md files.", path);

        var warnings = new List<string>();
        var docs = new List<CorpusDocument>();
        var name = Path.GetFileName(path);
        var content = FolderCorpusLoader.TryRead(path, name, warnings);
        if (content is null) return new(docs, warnings);

        var lineNo = 0;
        foreach (var raw in content.Split('\n'))
        {
            cancellationToken.ThrowIfCancellationRequested();
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line)) continue;
            var where = string.Create(CultureInfo.InvariantCulture, $"{name}:{lineNo}");
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    warnings.Add($"{where}: skipped: expected a JSON object with a \"document\" field.");
                    continue;
                }
                var document = Text(root, "document");
                if (string.IsNullOrWhiteSpace(document))
                {
                    warnings.Add($"{where}: skipped: \"document\" is missing or empty.");
                    continue;
                }
                var id = Text(root, "id") ?? string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileNameWithoutExtension(path)}-{lineNo}");
                var summary = Text(root, "summary");
                docs.Add(new CorpusDocument(id, Text(root, "title") ?? id, Text(root, "genre") ?? "dataset", document,
                    string.IsNullOrWhiteSpace(summary) ? null : summary.Trim()));
            }
            catch (JsonException ex)
            {
                warnings.Add($"{where}: skipped: not valid JSON ({ex.Message}).");
            }
        }
        if (docs.Count == 0 && warnings.Count == 0) warnings.Add($"{name}: no documents found.");
        return new(docs, warnings);
    }

    // Accepts strings and numbers (some exports write numeric ids).
    private static string? Text(JsonElement root, string property) =>
        root.TryGetProperty(property, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            }
            : null;
}
