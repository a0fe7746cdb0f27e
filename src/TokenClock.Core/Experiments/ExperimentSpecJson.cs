using System.Text.Json;
using System.Text.Json.Serialization;

namespace TokenClock.Core.Experiments;

/// <summary>
/// The spec as stored with its run. Backends carry only the NAME of their key variable, never a key.
/// </summary>
public static class ExperimentSpecJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The spec as snake_case JSON, null fields left out, as it is stored with its run.</summary>
    public static string Serialize(ExperimentSpec spec) => JsonSerializer.Serialize(spec, Options);
}
