using System.Text.Json.Serialization;

namespace TokenClock.Workloads.CorpusLoading;

/// <summary>One entry of the bundled corpus's manifest.json.</summary>
internal sealed record CorpusManifestEntry
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("genre")] public string? Genre { get; init; }
    [JsonPropertyName("words")] public int? Words { get; init; }
    [JsonPropertyName("file")] public string? File { get; init; }
    [JsonPropertyName("reference")] public string? Reference { get; init; }
}
