using TokenClock.Local.Twins;

namespace TokenClock.Local.Engine;

/// <summary>
/// What the local model cache holds, and pruning it. Twins are re-made in seconds from their reference, so the
/// cache is disposable; the default twin is kept unless asked, because every plain <c>tokenclock run</c> uses it.
/// Only GGUF files and stale partial writes in the cache folder are touched, never anything else there.
/// </summary>
public static class ModelCacheContents
{
    /// <summary>The GGUF files in the cache, by name; empty when the folder does not exist.</summary>
    public static IReadOnlyList<ModelCacheEntry> List()
    {
        var dir = new DirectoryInfo(LocalModelCache.ModelsDirectory);
        if (!dir.Exists) return [];
        LocalModelCache.TryParseTwin(LocalModelCache.DefaultTwin, out var defaultSpec);
        return dir.EnumerateFiles("*.gguf")
            .Select(f => new ModelCacheEntry(f.Name, f.FullName, f.Length, new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero),
                string.Equals(f.Name, defaultSpec.FileName, StringComparison.Ordinal)))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// Removes every cached model except the default twin (unless <paramref name="includeDefault"/>), and stale
    /// partial writes; with <paramref name="dryRun"/> only says what would go. A file in use by another process is
    /// removed from the folder all the same (Linux keeps it readable for whoever holds it).
    /// </summary>
    public static ModelCachePrune Prune(bool includeDefault, bool dryRun)
    {
        var all = List();
        var removed = all.Where(e => includeDefault || !e.IsDefault).ToArray();
        var kept = all.Except(removed).ToArray();
        if (!dryRun)
            foreach (var e in removed) File.Delete(e.Path);
        var partials = dryRun || !Directory.Exists(LocalModelCache.ModelsDirectory) ? [] : PartialFiles.RemoveStale(LocalModelCache.ModelsDirectory);
        return new ModelCachePrune(removed, kept, partials, dryRun);
    }
}

/// <summary>What a prune removed (or would remove) and kept.</summary>
public sealed record ModelCachePrune(IReadOnlyList<ModelCacheEntry> Removed, IReadOnlyList<ModelCacheEntry> Kept, IReadOnlyList<string> Partials, bool DryRun)
{
    /// <summary>Bytes of the removed models (would be freed, with a dry run); partial writes are not counted.</summary>
    public long FreedBytes => Removed.Sum(e => e.Bytes);
}
