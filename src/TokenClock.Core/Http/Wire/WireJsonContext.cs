using System.Text.Json.Serialization;

namespace TokenClock.Core.Http.Wire;

/// <summary>Source-generated (reflection-free, fast) JSON for every wire DTO, shared by clients and the server.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(OpenAIChatRequest))]
[JsonSerializable(typeof(OpenAICompletionRequest))]
[JsonSerializable(typeof(AnthropicRequest))]
[JsonSerializable(typeof(AnthropicEvent))]
internal sealed partial class WireJsonContext : JsonSerializerContext;
