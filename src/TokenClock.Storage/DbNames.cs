using System.Text.Json;

namespace TokenClock.Storage;

/// <summary>Enums are stored as snake_case text (readable with the sqlite3 shell, stable across reorderings).</summary>
internal static class DbNames
{
    /// <summary>Named values come from a table built once per enum: a coordinator stores four per request, thousands a second.</summary>
    public static string Of<T>(T value) where T : struct, Enum =>
        Names<T>.Known.TryGetValue(value, out var name) ? name : Convert(value);

    private static string Convert<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static class Names<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Known = Enum.GetValues<T>().Distinct().ToDictionary(v => v, Convert);
    }

    public static T Parse<T>(string text) where T : struct, Enum =>
        Enum.TryParse<T>(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var value)
            ? value
            : throw new InvalidDataException($"'{text}' is not a stored {typeof(T).Name} value; the database may come from a newer TokenClock");
}
