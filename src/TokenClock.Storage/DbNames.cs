using System.Text.Json;

namespace TokenClock.Storage;

/// <summary>Enums are stored as snake_case text (readable with the sqlite3 shell, stable across reorderings).</summary>
internal static class DbNames
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static T Parse<T>(string text) where T : struct, Enum =>
        Enum.TryParse<T>(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var value)
            ? value
            : throw new InvalidDataException($"'{text}' is not a stored {typeof(T).Name} value; the database may come from a newer TokenClock");
}
