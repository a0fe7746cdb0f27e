using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using TokenClock.Core.Backends;
using TokenClock.Core.Http.Wire;

namespace TokenClock.Core.Http;

/// <summary>
/// OpenAI (legacy) Completions streaming: one prompt text, no chat template and no chat-message parsing on the
/// server. vLLM's own benchmark client uses this endpoint by default; llama.cpp's server needs it for models whose
/// generated text its chat parser rejects (random-weight twins: "Failed to parse input").
/// </summary>
internal sealed class OpenAICompletionsProtocol(string? model, bool sendEngineExtensions,
    IReadOnlyDictionary<string, JsonElement>? extraBody = null) : ISseProtocol<OpenAIStreamChunk>
{
    /// <summary>The body fields this protocol sets itself (its request type's properties); <c>extra_body</c> may not name them.</summary>
    internal static readonly string[] OwnedFields = HttpBackendOptions.FieldsOf(WireJsonContext.Default.OpenAICompletionRequest);

    // One copy for every request: the serializer only reads it.
    private readonly Dictionary<string, JsonElement>? _extra = HttpBackendOptions.ExtensionData(extraBody);

    public HttpContent CreateContent(BackendRequest request)
    {
        var body = new OpenAICompletionRequest
        {
            Model = model,
            Prompt = PromptText(request),
            MaxTokens = request.MaxTokens,
            Temperature = request.Temperature,
            Seed = request.Seed,
            Stream = true,
            StreamOptions = new OpenAIStreamOptions { IncludeUsage = true },
            Extra = _extra,
        };
        if (sendEngineExtensions)
        {
            body.MinTokens = request.MinTokens;
            body.IgnoreEos = request.IgnoreEos ? true : null;
        }
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, WireJsonContext.Default.OpenAICompletionRequest));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>
    /// The one text sent: the system prompt, a blank line, then the prompt; earlier turns are written in as the
    /// plain transcript local engines get (<see cref="BackendRequest.WithHistoryInPrompt"/>). Nothing is dropped;
    /// with no system prompt or history it is the prompt exactly (so token counts match).
    /// </summary>
    internal static string PromptText(BackendRequest request)
    {
        var flat = request.WithHistoryInPrompt();
        return flat.SystemPrompt is { } system ? system + "\n\n" + flat.Prompt : flat.Prompt;
    }

    public OpenAIStreamChunk ParseItem(string eventType, ReadOnlySpan<byte> data) => OpenAIChunkReader.Read(data);

    public ISseTranslator<OpenAIStreamChunk> CreateTranslator(BackendRequest request) => new OpenAIChatTranslator();

    public string SampleStream => """
        data: {"id":"w","object":"text_completion","model":"m","choices":[{"index":0,"text":"warm"}]}

        data: {"id":"w","object":"text_completion","model":"m","choices":[{"index":0,"text":" up","finish_reason":"length"}]}

        data: {"id":"w","object":"text_completion","model":"m","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}

        data: [DONE]


        """;
}
