namespace TokenClock.Storage.Tests;

/// <summary>A fresh folder for one real SQLite file, deleted afterwards.</summary>
public sealed class TempDb : IDisposable
{
    public TempDb()
    {
        Folder = Directory.CreateTempSubdirectory("tokenclock-db-").FullName;
        Path = System.IO.Path.Combine(Folder, "results.db");
    }

    public string Folder { get; }
    public string Path { get; }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* best effort */ }
    }
}
