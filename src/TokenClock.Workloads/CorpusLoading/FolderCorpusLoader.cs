using System.Text;

namespace TokenClock.Workloads.CorpusLoading;

/// <summary>
/// Every .txt and .md file of a folder (recursively, in ordinal path order) is a document; its id is the path
/// relative to the folder without extension. A file NAME.summary.txt (or NAME.ref.txt) next to it is its reference.
/// Unreadable, empty and non-UTF-8 files are skipped with a warning naming them.
/// </summary>
internal static class FolderCorpusLoader
{
    private static readonly string[] ReferenceSuffixes = [".summary.txt", ".ref.txt"];

    public static CorpusLoadResult Load(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Corpus folder '{folder}' does not exist; pass a folder of .txt/.md files or a .jsonl file.");

        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            .Where(f => !ReferenceSuffixes.Any(s => f.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)
            .ToArray();

        var docs = new List<CorpusDocument>();
        var warnings = new List<string>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Path.GetRelativePath(folder, file);
            var text = TryRead(file, relative, warnings);
            if (text is null) continue;
            if (string.IsNullOrWhiteSpace(text))
            {
                warnings.Add($"{relative}: skipped: the file is empty.");
                continue;
            }
            var id = Path.ChangeExtension(relative, null).Replace('\\', '/');
            string? reference = null;
            foreach (var suffix in ReferenceSuffixes)
            {
                var refPath = Path.ChangeExtension(file, null) + suffix;
                if (File.Exists(refPath) && TryRead(refPath, Path.GetRelativePath(folder, refPath), warnings) is { } r && !string.IsNullOrWhiteSpace(r))
                {
                    reference = r.Trim();
                    break;
                }
            }
            docs.Add(new CorpusDocument(id, Path.GetFileNameWithoutExtension(file), "user", text, reference));
        }
        if (files.Length == 0) warnings.Add($"{folder}: no .txt or .md files found.");
        return new(docs, warnings);
    }

    // Strict UTF-8: a binary or mis-encoded file is reported instead of summarized as garbage.
    internal static string? TryRead(string path, string displayName, List<string> warnings)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            warnings.Add($"{displayName}: skipped: not valid UTF-8 text (convert it to UTF-8).");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            warnings.Add($"{displayName}: skipped: cannot be read ({ex.Message}).");
        }
        return null;
    }
}
