using System.Text.Json;
using System.Text.Json.Serialization;

namespace TokenClock.Core.Http.Wire;

internal sealed class AnthropicMessage
{
    [JsonPropertyName("role")] public string Role { get; set; } = "user";
    [JsonPropertyName("content")] public JsonElement Content { get; set; }
}
