using System.Text.Json;
using System.Text.Json.Serialization;

namespace TokenClock.Core.Tests.Http.Reference;

internal sealed class OpenAIError
{
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("code")] public JsonElement Code { get; set; }
}
