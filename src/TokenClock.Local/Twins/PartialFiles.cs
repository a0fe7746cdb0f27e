namespace TokenClock.Local.Twins;

/// <summary>
/// Files being written appear under a <c>.partial</c> name and are renamed when complete. A writer that was
/// killed (SIGKILL, power loss) cannot delete its partial file, so the next writer, or the next start of the
/// model cache, removes partial files that no live writer holds open.
/// </summary>
internal static class PartialFiles
{
    public const string Suffix = ".partial";

    /// <summary>
    /// Deletes <paramref name="path"/> if it exists and no process holds it: writers open partial files with
    /// <see cref="FileShare.None"/>, which .NET enforces with a lock on Unix too. Returns true when it deleted.
    /// </summary>
    public static bool RemoveIfStale(string path)
    {
        if (!File.Exists(path)) return false;
        try
        {
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false; // a live writer has it open
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Removes every stale partial file in <paramref name="directory"/> (not recursive); returns their names.</summary>
    public static IReadOnlyList<string> RemoveStale(string directory)
    {
        if (!Directory.Exists(directory)) return [];
        var removed = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*" + Suffix))
            if (RemoveIfStale(file)) removed.Add(Path.GetFileName(file));
        return removed;
    }
}
