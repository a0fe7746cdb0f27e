namespace TokenClock.Local.Engine;

/// <summary>One model file in the local cache.</summary>
/// <param name="Name">The file name.</param>
/// <param name="Path">The full path.</param>
/// <param name="Bytes">The file's size.</param>
/// <param name="ModifiedUtc">When the file was last written.</param>
/// <param name="IsDefault">The built-in default twin that <c>tokenclock run</c> uses.</param>
public sealed record ModelCacheEntry(string Name, string Path, long Bytes, DateTimeOffset ModifiedUtc, bool IsDefault);
