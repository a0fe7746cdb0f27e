using System.Text.Json;
using System.Text.Json.Serialization;

namespace TokenClock.Core.Http.Wire;

internal sealed class OpenAIMessage
{
    [JsonPropertyName("role")] public string Role { get; set; } = "user";
    /// <summary>A string, or an array of content parts (only text parts are read).</summary>
    [JsonPropertyName("content")] public JsonElement Content { get; set; }
}
