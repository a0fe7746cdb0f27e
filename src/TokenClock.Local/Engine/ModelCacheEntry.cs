namespace TokenClock.Local.Engine;

/// <summary>One model file in the local cache.</summary>
/// <param name="IsDefault">The built-in default twin that <c>tokenclock run</c> uses.</param>
public sealed record ModelCacheEntry(string Name, string Path, long Bytes, DateTimeOffset ModifiedUtc, bool IsDefault);
