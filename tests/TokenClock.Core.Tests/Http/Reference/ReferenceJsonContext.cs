using System.Text.Json.Serialization;

namespace TokenClock.Core.Tests.Http.Reference;

/// <summary>
/// The chunk DTOs and source-generated deserialization the client used before <c>OpenAIChunkReader</c>, kept as the
/// reference the reader is compared with (same options as the product's wire context had).
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OpenAIChunk))]
internal sealed partial class ReferenceJsonContext : JsonSerializerContext;
