using System.Text.Json;
using System.Text.Json.Serialization;

namespace TokenClock.Prediction.Data;

/// <summary>JSON settings for every prediction data file (snake_case, like the CLI's --json output).</summary>
public static class PredictionJson
{
    /// <summary>The options: snake_case names, comments and trailing commas allowed, nulls not written.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>Reads an embedded data file shipped in this assembly (Data/NAME).</summary>
    public static T ReadEmbedded<T>(string fileName)
    {
        var name = $"TokenClock.Prediction.Data.{fileName}";
        using var stream = typeof(PredictionJson).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded data '{name}' is missing from the build.");
        return JsonSerializer.Deserialize<T>(stream, Options)
            ?? throw new InvalidOperationException($"Embedded data '{name}' is empty.");
    }

    /// <summary>Reads the file at <paramref name="path"/>; invalid JSON throws <see cref="InvalidDataException"/> naming the file.</summary>
    public static T ReadFile<T>(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Options)
                ?? throw new InvalidDataException($"'{path}' holds no JSON document.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not valid: {ex.Message} Fix the file or delete it to use the defaults.", ex);
        }
    }
}
