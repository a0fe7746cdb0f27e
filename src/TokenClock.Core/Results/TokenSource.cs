namespace TokenClock.Core.Results;

/// <summary>Where <c>output_tokens</c> came from (metrics.md: server usage when present, else local count).</summary>
public enum TokenSource
{
    Server = 0,
    Local = 1,
}
