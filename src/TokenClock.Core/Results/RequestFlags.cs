namespace TokenClock.Core.Results;

/// <summary>Problems found in a request that still succeeded; each one is explained in <see cref="RequestRecord.Note"/>.</summary>
[Flags]
public enum RequestFlags
{
    /// <summary>No problem found.</summary>
    None = 0,
    /// <summary>The server's usage was negative or impossible for the text received; the local count is used instead.</summary>
    BadUsage = 1,
}
