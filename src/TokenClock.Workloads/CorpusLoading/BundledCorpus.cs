using System.Reflection;
using System.Text;
using System.Text.Json;

namespace TokenClock.Workloads.CorpusLoading;

/// <summary>
/// The corpus written for the project, embedded in this assembly from Corpus/ (manifest.json and/or manifest.*.json parts, Documents/*.md,
/// References/*.txt). Entries whose files are missing, unreadable or empty are skipped with a named warning.
/// </summary>
public static class BundledCorpus
{
    private const string Prefix = "TokenClock.Workloads.Corpus/";

    /// <summary>Loads every bundled document. Never throws for a bad entry.</summary>
    public static CorpusLoadResult Load() => Load(typeof(BundledCorpus).Assembly, Prefix);

    /// <summary>Loads a corpus embedded under <paramref name="prefix"/> (logical names "prefix/manifest.json" etc.).</summary>
    public static CorpusLoadResult Load(Assembly assembly, string prefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var warnings = new List<string>();
        // manifest.json and/or parts such as manifest.part1.json (written separately, merged here in name order).
        var manifests = assembly.GetManifestResourceNames()
            .Select(n => n.Replace('\\', '/'))
            .Where(n => n.StartsWith(prefix + "manifest", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)
                        && n.IndexOf('/', prefix.Length) < 0)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (manifests.Length == 0)
            return new([], [$"bundled corpus: no manifest.json is embedded in {assembly.GetName().Name}; rebuild with Corpus/** as EmbeddedResource."]);

        var entries = new List<CorpusManifestEntry>();
        foreach (var manifest in manifests)
        {
            var name = manifest[prefix.Length..];
            try
            {
                entries.AddRange(JsonSerializer.Deserialize<CorpusManifestEntry[]>(Read(assembly, manifest) ?? "[]") ?? []);
            }
            catch (JsonException ex)
            {
                warnings.Add($"bundled corpus: {name} skipped: not a JSON array of entries ({ex.Message}).");
            }
        }

        var docs = new List<CorpusDocument>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entry, i) in entries.Select((e, i) => (e, i)))
        {
            var name = entry.Id ?? $"entry #{i + 1}";
            if (string.IsNullOrWhiteSpace(entry.Id) || string.IsNullOrWhiteSpace(entry.File))
            {
                warnings.Add($"bundled corpus: {name} skipped: manifest entry needs \"id\" and \"file\".");
                continue;
            }
            if (!seen.Add(entry.Id))
            {
                warnings.Add($"bundled corpus: {name} skipped: the id appears twice in the manifests.");
                continue;
            }
            var text = Read(assembly, prefix + entry.File.Replace('\\', '/'));
            if (string.IsNullOrWhiteSpace(text))
            {
                warnings.Add($"bundled corpus: {name} skipped: {entry.File} is {(text is null ? "missing" : "empty")}.");
                continue;
            }
            string? reference = null;
            if (!string.IsNullOrWhiteSpace(entry.Reference))
            {
                reference = Read(assembly, prefix + entry.Reference.Replace('\\', '/'));
                if (string.IsNullOrWhiteSpace(reference))
                {
                    warnings.Add($"bundled corpus: {name}: reference {entry.Reference} is missing or empty; loaded without one.");
                    reference = null;
                }
            }
            docs.Add(new CorpusDocument(entry.Id, entry.Title ?? entry.Id, entry.Genre ?? "unknown", text, reference?.Trim()));
        }
        return new(docs, warnings);
    }

    private static string? Read(Assembly assembly, string logicalName)
    {
        // %(RecursiveDir) uses the build machine's separator; accept either.
        using var stream = assembly.GetManifestResourceStream(logicalName)
            ?? assembly.GetManifestResourceStream(logicalName.Replace('/', '\\'));
        if (stream is null) return null;
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
