namespace TokenClock.Workloads.Tokenizers;

/// <summary>A tokenizer file could not be used; the message names the file, the reason and a fix.</summary>
public sealed class TokenizerLoadException : Exception
{
    public TokenizerLoadException(string path, string reason, Exception? inner = null)
        : base($"tokenizer '{path}': {reason}", inner)
    {
        Path = path;
    }

    public TokenizerLoadException() { }

    public TokenizerLoadException(string message) : base(message) { }

    public TokenizerLoadException(string message, Exception inner) : base(message, inner) { }

    public string Path { get; } = "";
}
