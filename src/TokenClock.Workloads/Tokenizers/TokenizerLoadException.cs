namespace TokenClock.Workloads.Tokenizers;

/// <summary>A tokenizer file could not be used; the message names the file, the reason and a fix.</summary>
public sealed class TokenizerLoadException : Exception
{
    /// <summary>The file at <paramref name="path"/> cannot be used because of <paramref name="reason"/>.</summary>
    public TokenizerLoadException(string path, string reason, Exception? inner = null)
        : base($"tokenizer '{path}': {reason}", inner)
    {
        Path = path;
    }

    /// <summary>A tokenizer problem with the default message.</summary>
    public TokenizerLoadException() { }

    /// <summary>A tokenizer problem described by <paramref name="message"/>.</summary>
    public TokenizerLoadException(string message) : base(message) { }

    /// <summary>A tokenizer problem caused by <paramref name="inner"/>.</summary>
    public TokenizerLoadException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The tokenizer file; empty when the exception was made without one.</summary>
    public string Path { get; } = "";
}
