namespace TokenClock.Storage;

/// <summary>
/// Liveness owned by the writer: a store that records runs holds an exclusive OS lock (flock on Unix, a sharing
/// lock on Windows) on a small file next to the database for as long as it is open. The kernel drops the lock
/// when the process dies, however it dies, so another process learns "writer gone" by taking the lock — never by
/// guessing from process ids or start times. Each run row names its writer's lock file.
/// </summary>
internal sealed class WriterLock : IDisposable
{
    private readonly FileStream _stream;

    private WriterLock(FileStream stream, string name, string path)
    {
        _stream = stream;
        Name = name;
        Path = path;
    }

    /// <summary>File name (no folder), as stored in <c>runs.owner_lock</c>.</summary>
    public string Name { get; }

    public string Path { get; }

    public static WriterLock Acquire(string databasePath)
    {
        var name = System.IO.Path.GetFileName(databasePath) + "-writer-" + Guid.NewGuid().ToString("N")[..12] + ".lock";
        var path = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(databasePath) ?? ".", name);
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        return new WriterLock(stream, name, path);
    }

    public enum State { Alive, Gone, Unknown }

    /// <summary>Whether the writer holding <paramref name="lockName"/> still runs. <paramref name="removeIfGone"/>
    /// deletes a lock file left behind by a dead writer.</summary>
    public static State Probe(string databasePath, string lockName, bool removeIfGone)
    {
        if (lockName.Contains('/', StringComparison.Ordinal) || lockName.Contains('\\', StringComparison.Ordinal)) return State.Unknown;
        var path = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(databasePath) ?? ".", lockName);
        // The writer creates its lock before its first run row and deletes it only after marking its runs finished.
        if (!File.Exists(path)) return State.Gone;
        try
        {
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
        }
        catch (UnauthorizedAccessException)
        {
            return State.Unknown; // cannot take it (read-only folder): cannot tell, so do not declare anyone dead
        }
        catch (IOException)
        {
            return State.Alive; // held by the writer
        }
        if (removeIfGone)
        {
            try { File.Delete(path); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* stale file, harmless */ }
        }
        return State.Gone;
    }

    public void Dispose()
    {
        _stream.Dispose();
        try { File.Delete(Path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* a stale lock file reads as "gone" */ }
    }
}
