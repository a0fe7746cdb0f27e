namespace TokenClock.Workloads.CorpusLoading;

/// <summary>
/// Loads a corpus named on the command line: nothing or "bundled" = the embedded corpus; a folder = its
/// .txt/.md files; a .jsonl file = JSON Lines; a single .txt/.md file = one document.
/// </summary>
internal static class CorpusLoader
{
    public const string Bundled = "bundled";

    public static CorpusLoadResult Load(string? source, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(source) || source.Equals(Bundled, StringComparison.OrdinalIgnoreCase))
            return BundledCorpus.Load();
        if (Directory.Exists(source)) return FolderCorpusLoader.Load(source, cancellationToken);
        if (source.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || source.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            return JsonlCorpusLoader.Load(source, cancellationToken);
        if (File.Exists(source))
        {
            var warnings = new List<string>();
            var text = FolderCorpusLoader.TryRead(source, Path.GetFileName(source), warnings);
            if (text is not null && string.IsNullOrWhiteSpace(text)) warnings.Add($"{Path.GetFileName(source)}: skipped: the file is empty.");
            return string.IsNullOrWhiteSpace(text)
                ? new([], warnings)
                : new([new CorpusDocument(Path.GetFileNameWithoutExtension(source), Path.GetFileName(source), "user", text)], warnings);
        }
        throw new FileNotFoundException(
            $"Corpus '{source}' is neither a folder, a .jsonl file nor a text file; valid: '{Bundled}', a folder of .txt/.md files, a .jsonl file with \"document\" fields.",
            source);
    }
}
