namespace TokenClock.Core.Results;

/// <summary>Where <c>output_tokens</c> came from (metrics.md: server usage when present, else local count).</summary>
public enum TokenSource
{
    /// <summary>The server's usage report.</summary>
    Server = 0,
    /// <summary>The local tokenizer's count.</summary>
    Local = 1,
}
