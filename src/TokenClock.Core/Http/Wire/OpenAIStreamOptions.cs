using System.Text.Json.Serialization;

namespace TokenClock.Core.Http.Wire;

internal sealed class OpenAIStreamOptions
{
    [JsonPropertyName("include_usage")] public bool IncludeUsage { get; set; }
}
