using System.Text.Json;
using System.Text.Json.Serialization;

namespace TokenClock.Cli.Commands.Local;

/// <summary>JSON output of the model and probe commands: snake_case names, one document on stdout.</summary>
internal static class LocalJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Write(TextWriter stdout, object value) => stdout.WriteLine(JsonSerializer.Serialize(value, Options));
}
