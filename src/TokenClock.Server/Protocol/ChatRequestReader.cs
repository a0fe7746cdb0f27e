using System.Globalization;
using System.Text;
using System.Text.Json;
using TokenClock.Core.Backends;
using TokenClock.Core.Http.Wire;

namespace TokenClock.Server.Protocol;

/// <summary>Parses and checks OpenAI and Anthropic request bodies; errors name the field and the allowed values.</summary>
internal static class ChatRequestReader
{
    public static ParsedChatRequest ParseOpenAI(ReadOnlySpan<byte> body, int maxOutputTokens)
    {
        var r = Deserialize(body, WireJsonContext.Default.OpenAIChatRequest);
        if (r.Messages is not { Count: > 0 }) throw new RequestException("messages", "'messages' must be a non-empty array of {role, content}");
        var system = new StringBuilder();
        var prompt = new StringBuilder();
        foreach (var m in r.Messages)
        {
            var text = Text(m.Content, "messages[].content");
            var target = m.Role is "system" or "developer" ? system : prompt;
            if (target.Length > 0) target.Append('\n');
            target.Append(text);
        }
        var max = r.MaxCompletionTokens ?? r.MaxTokens ?? 256;
        Check(max, r.MinTokens, r.Temperature, maxOutputTokens, r.MaxCompletionTokens is null ? "max_tokens" : "max_completion_tokens");
        var request = new BackendRequest
        {
            Prompt = prompt.ToString(),
            SystemPrompt = system.Length > 0 ? system.ToString() : null,
            MaxTokens = max,
            MinTokens = r.MinTokens,
            IgnoreEos = r.IgnoreEos ?? false,
            Temperature = r.Temperature,
            Seed = r.Seed,
        };
        return new ParsedChatRequest(request, r.Model, r.Stream ?? false, r.StreamOptions?.IncludeUsage ?? false);
    }

    public static ParsedChatRequest ParseAnthropic(ReadOnlySpan<byte> body, int maxOutputTokens)
    {
        var r = Deserialize(body, WireJsonContext.Default.AnthropicRequest);
        if (r.Messages is not { Count: > 0 }) throw new RequestException("messages", "'messages' must be a non-empty array of {role, content}");
        if (r.MaxTokens is null) throw new RequestException("max_tokens", "'max_tokens' is required");
        var prompt = new StringBuilder();
        foreach (var m in r.Messages)
        {
            if (prompt.Length > 0) prompt.Append('\n');
            prompt.Append(Text(m.Content, "messages[].content"));
        }
        Check(r.MaxTokens.Value, null, r.Temperature, maxOutputTokens, "max_tokens");
        var request = new BackendRequest
        {
            Prompt = prompt.ToString(),
            SystemPrompt = r.System is { } s ? Text(s, "system") : null,
            MaxTokens = r.MaxTokens.Value,
            Temperature = r.Temperature,
        };
        return new ParsedChatRequest(request, r.Model, r.Stream ?? false, IncludeUsage: true);
    }

    private static T Deserialize<T>(ReadOnlySpan<byte> body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body, info) ?? throw new RequestException(null, "the request body must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw new RequestException(ex.Path, $"invalid JSON request body: {ex.Message}");
        }
    }

    private static void Check(int max, int? min, double? temperature, int limit, string maxName)
    {
        if (max < 1 || max > limit)
            throw new RequestException(maxName, $"'{maxName}' {max.ToString(CultureInfo.InvariantCulture)} must be between 1 and {limit.ToString(CultureInfo.InvariantCulture)}");
        if (min is { } m && (m < 0 || m > max))
            throw new RequestException("min_tokens", $"'min_tokens' {m.ToString(CultureInfo.InvariantCulture)} must be between 0 and {maxName} ({max.ToString(CultureInfo.InvariantCulture)})");
        if (temperature is { } t && (t < 0 || t > 2 || !double.IsFinite(t)))
            throw new RequestException("temperature", $"'temperature' {t.ToString(CultureInfo.InvariantCulture)} must be between 0 and 2");
    }

    /// <summary>A content value: a string, or an array of parts whose text parts are joined.</summary>
    private static string Text(JsonElement content, string field)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return String(content, field);
            case JsonValueKind.Array:
                var sb = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.String) sb.Append(String(part, field));
                    else if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                        sb.Append(String(t, field));
                }
                return sb.ToString();
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return string.Empty;
            default:
                throw new RequestException(field, $"'{field}' must be a string or an array of text parts");
        }
    }

    /// <summary>A JSON string's value; the reader checks string bytes only when they are read (found by fuzzing).</summary>
    private static string String(JsonElement value, string field)
    {
        try
        {
            return value.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            throw new RequestException(field, $"'{field}' is not valid UTF-8 text; send the request body as UTF-8 JSON");
        }
    }
}
