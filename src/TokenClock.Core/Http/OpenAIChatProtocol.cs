using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using TokenClock.Core.Backends;
using TokenClock.Core.Http.Wire;

namespace TokenClock.Core.Http;

/// <summary>OpenAI Chat Completions streaming, as spoken by OpenAI, Azure, vLLM, llama.cpp, Ollama, TGI, LM Studio.</summary>
internal sealed class OpenAIChatProtocol(string? model, bool useMaxCompletionTokens, bool sendEngineExtensions,
    IReadOnlyDictionary<string, JsonElement>? extraBody = null) : ISseProtocol<OpenAIStreamChunk>
{
    /// <summary>The body fields this protocol sets itself (its request type's properties); <c>extra_body</c> may not name them.</summary>
    internal static readonly string[] OwnedFields = HttpBackendOptions.FieldsOf(WireJsonContext.Default.OpenAIChatRequest);

    // One copy for every request: the serializer only reads it.
    private readonly Dictionary<string, JsonElement>? _extra = HttpBackendOptions.ExtensionData(extraBody);

    public HttpContent CreateContent(BackendRequest request)
    {
        var body = new OpenAIChatRequest
        {
            Model = model,
            Temperature = request.Temperature,
            Seed = request.Seed,
            Stream = true,
            StreamOptions = new OpenAIStreamOptions { IncludeUsage = true },
            Extra = _extra,
        };
        if (useMaxCompletionTokens) body.MaxCompletionTokens = request.MaxTokens;
        else body.MaxTokens = request.MaxTokens;
        // min_tokens/ignore_eos are engine extensions; hosted APIs reject unknown parameters.
        if (sendEngineExtensions)
        {
            body.MinTokens = request.MinTokens;
            body.IgnoreEos = request.IgnoreEos ? true : null;
        }
        if (request.SystemPrompt is { } system)
            body.Messages.Add(new OpenAIMessage { Role = "system", Content = JsonSerializer.SerializeToElement(system, WireJsonContext.Default.String) });
        foreach (var turn in request.History)
            body.Messages.Add(new OpenAIMessage { Role = turn.RoleName, Content = JsonSerializer.SerializeToElement(turn.Text, WireJsonContext.Default.String) });
        body.Messages.Add(new OpenAIMessage { Role = "user", Content = JsonSerializer.SerializeToElement(request.Prompt, WireJsonContext.Default.String) });

        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, WireJsonContext.Default.OpenAIChatRequest));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public OpenAIStreamChunk ParseItem(string eventType, ReadOnlySpan<byte> data) => OpenAIChunkReader.Read(data);

    public ISseTranslator<OpenAIStreamChunk> CreateTranslator(BackendRequest request) => new OpenAIChatTranslator();

    public string SampleStream => """
        data: {"id":"w","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}

        data: {"id":"w","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"content":"warm"}}]}

        data: {"id":"w","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"content":" up"},"finish_reason":"length"}]}

        data: {"id":"w","object":"chat.completion.chunk","model":"m","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}

        data: [DONE]


        """;
}
