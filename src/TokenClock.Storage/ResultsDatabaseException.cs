namespace TokenClock.Storage;

/// <summary>The results database cannot be used as asked. The message names the file, what is wrong and a fix.</summary>
public sealed class ResultsDatabaseException : Exception
{
    public ResultsDatabaseException(string path, string message, Exception? inner = null) : base(message, inner) => Path = path;

    /// <summary>The database file the message is about.</summary>
    public string Path { get; }
}
