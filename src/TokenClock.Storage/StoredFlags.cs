using TokenClock.Core.Results;

namespace TokenClock.Storage;

/// <summary>Request flags as comma-separated snake_case names (null when none), readable with the sqlite3 shell.</summary>
internal static class StoredFlags
{
    public static string? Of(RequestFlags flags) => flags == RequestFlags.None
        ? null
        : string.Join(",", Enum.GetValues<RequestFlags>().Where(f => f != RequestFlags.None && flags.HasFlag(f)).Select(DbNames.Of));

    public static RequestFlags Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return RequestFlags.None;
        var flags = RequestFlags.None;
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            flags |= DbNames.Parse<RequestFlags>(name);
        return flags;
    }
}
