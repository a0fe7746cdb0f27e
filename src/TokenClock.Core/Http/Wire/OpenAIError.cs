using System.Text.Json;
using System.Text.Json.Serialization;

namespace TokenClock.Core.Http.Wire;

internal sealed class OpenAIError
{
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("code")] public JsonElement Code { get; set; }
}
