using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using TokenClock.Core.Backends;
using TokenClock.Core.Http.Wire;

namespace TokenClock.Core.Http;

/// <summary>
/// Reads one OpenAI stream event's data (chat or completions chunk, usage, llama.cpp timings, error object) with one
/// forward-only <see cref="Utf8JsonReader"/> pass: no DTO graph, no strings for fields nobody reads (the chunk path
/// of a run is a tenth of its CPU; docs/benchmarks.md). It accepts and rejects what System.Text.Json's default
/// deserialization into the former chunk DTOs did, so a stream is read the same as before: strict JSON (no comments
/// or trailing commas, depth 64, one value), case-sensitive names (escapes allowed), unknown properties skipped, a
/// repeated property replaces the earlier one, and a known field of the wrong type (a string field that is not a
/// string or null, a count that is not an Int32) throws <see cref="JsonException"/>, as does invalid UTF-8 in a
/// string field. <c>OpenAIChunkReaderTests</c> compares the two on generated and mutated chunks.
/// </summary>
internal static class OpenAIChunkReader
{
    private static ReadOnlySpan<byte> DoneMarker => "[DONE]"u8;

    // Every chunk of a run repeats the model name: matched byte for byte against the last one read, not re-allocated.
    private static CachedText? s_model;

    /// <summary>One stream event, or <see cref="OpenAIStreamChunk.Done"/>; throws <see cref="JsonException"/> when malformed.</summary>
    public static OpenAIStreamChunk Read(ReadOnlySpan<byte> data)
    {
        if (data.Trim((byte)' ').SequenceEqual(DoneMarker)) return OpenAIStreamChunk.Done;
        var reader = new Utf8JsonReader(data);
        reader.Read(); // throws on empty data
        if (reader.TokenType == JsonTokenType.Null) throw new JsonException("a stream event's data was JSON null");
        if (reader.TokenType != JsonTokenType.StartObject) throw Mismatch("$", "an object", reader.TokenType);

        string? model = null;
        var hasChoice = false;
        var nullChoice = false;
        Choice choice = default;
        TokenUsage? usage = null;
        ServerTimings? timings = null;
        OpenAIStreamError? error = null;
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "choices"u8)) hasChoice = ReadChoices(ref reader, out choice, out nullChoice);
            else if (Is(ref reader, "model"u8)) model = ReadModel(ref reader);
            else if (Is(ref reader, "id"u8)) ReadOrCheckString(ref reader, "id", keep: false);
            else if (Is(ref reader, "usage"u8)) usage = ReadUsage(ref reader);
            else if (Is(ref reader, "timings"u8)) timings = ReadTimings(ref reader);
            else if (Is(ref reader, "error"u8)) error = ReadError(ref reader);
            else reader.Skip();
        }
        // Anything after the object but white space: the reader throws, as the deserializer did.
        if (reader.Read()) throw new JsonException("a stream event's data held more than one JSON value");
        // The DTO path accepted a null first choice and then failed on it outside the parser.
        if (nullChoice) throw new JsonException("a stream event's first choice was null");

        return new OpenAIStreamChunk
        {
            Model = model,
            HasChoice = hasChoice,
            Text = choice.Text,
            Content = choice.Content,
            ReasoningContent = choice.ReasoningContent,
            Reasoning = choice.Reasoning,
            FinishReason = choice.FinishReason,
            Usage = usage,
            Timings = timings,
            Error = error,
        };
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>Moves from a property name to its value.</summary>
    private static void Value(ref Utf8JsonReader reader) => reader.Read();

    private static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        reader.ValueIsEscaped ? reader.ValueTextEquals(name) : reader.ValueSpan.SequenceEqual(name);

    private static bool ReadChoices(ref Utf8JsonReader reader, out Choice first, out bool nullFirst)
    {
        first = default;
        nullFirst = false;
        Value(ref reader);
        if (reader.TokenType == JsonTokenType.Null) return false;
        if (reader.TokenType != JsonTokenType.StartArray) throw Mismatch("choices", "an array or null", reader.TokenType);
        var any = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                nullFirst |= !any;
                any = true;
                continue;
            }
            if (reader.TokenType != JsonTokenType.StartObject) throw Mismatch("choices[]", "an object or null", reader.TokenType);
            if (any) ReadChoice(ref reader, keep: false);
            else first = ReadChoice(ref reader, keep: true);
            any = true;
        }
        return any;
    }

    private static Choice ReadChoice(ref Utf8JsonReader reader, bool keep)
    {
        var choice = default(Choice);
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "delta"u8))
            {
                Value(ref reader);
                (choice.Content, choice.ReasoningContent, choice.Reasoning) = ReadDelta(ref reader, "delta", keep);
            }
            else if (Is(ref reader, "text"u8)) choice.Text = ReadOrCheckString(ref reader, "text", keep);
            else if (Is(ref reader, "finish_reason"u8)) choice.FinishReason = ReadFinishReason(ref reader, keep);
            else if (Is(ref reader, "index"u8))
            {
                Value(ref reader);
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out _)) throw Mismatch("index", "an Int32", reader.TokenType);
            }
            else if (Is(ref reader, "message"u8))
            {
                // Non-streaming responses; read for validity only, as the DTO path did.
                Value(ref reader);
                ReadDelta(ref reader, "message", keep: false);
            }
            else reader.Skip();
        }
        return choice;
    }

    private static (string? Content, string? ReasoningContent, string? Reasoning) ReadDelta(ref Utf8JsonReader reader, string field, bool keep)
    {
        if (reader.TokenType == JsonTokenType.Null) return default;
        if (reader.TokenType != JsonTokenType.StartObject) throw Mismatch(field, "an object or null", reader.TokenType);
        string? content = null, reasoningContent = null, reasoning = null;
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "content"u8)) content = ReadOrCheckString(ref reader, "content", keep);
            else if (Is(ref reader, "role"u8)) ReadOrCheckString(ref reader, "role", keep: false);
            else if (Is(ref reader, "reasoning_content"u8)) reasoningContent = ReadOrCheckString(ref reader, "reasoning_content", keep);
            else if (Is(ref reader, "reasoning"u8)) reasoning = ReadOrCheckString(ref reader, "reasoning", keep);
            else reader.Skip();
        }
        return (content, reasoningContent, reasoning);
    }

    private static TokenUsage? ReadUsage(ref Utf8JsonReader reader)
    {
        Value(ref reader);
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw Mismatch("usage", "an object or null", reader.TokenType);
        int? prompt = null, completion = null, reasoning = null;
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "prompt_tokens"u8)) prompt = ReadInt32OrNull(ref reader, "prompt_tokens");
            else if (Is(ref reader, "completion_tokens"u8)) completion = ReadInt32OrNull(ref reader, "completion_tokens");
            else if (Is(ref reader, "total_tokens"u8)) ReadInt32OrNull(ref reader, "total_tokens");
            else if (Is(ref reader, "completion_tokens_details"u8)) reasoning = ReadReasoningTokens(ref reader);
            else reader.Skip();
        }
        return new TokenUsage(prompt, completion, reasoning);
    }

    private static int? ReadReasoningTokens(ref Utf8JsonReader reader)
    {
        Value(ref reader);
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw Mismatch("completion_tokens_details", "an object or null", reader.TokenType);
        int? reasoning = null;
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "reasoning_tokens"u8)) reasoning = ReadInt32OrNull(ref reader, "reasoning_tokens");
            else reader.Skip();
        }
        return reasoning;
    }

    private static ServerTimings? ReadTimings(ref Utf8JsonReader reader)
    {
        Value(ref reader);
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw Mismatch("timings", "an object or null", reader.TokenType);
        int? promptN = null, predictedN = null;
        double? promptMs = null, predictedMs = null, queueMs = null;
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "prompt_n"u8)) promptN = ReadInt32OrNull(ref reader, "prompt_n");
            else if (Is(ref reader, "prompt_ms"u8)) promptMs = ReadDoubleOrNull(ref reader, "prompt_ms");
            else if (Is(ref reader, "predicted_n"u8)) predictedN = ReadInt32OrNull(ref reader, "predicted_n");
            else if (Is(ref reader, "predicted_ms"u8)) predictedMs = ReadDoubleOrNull(ref reader, "predicted_ms");
            else if (Is(ref reader, "queue_ms"u8)) queueMs = ReadDoubleOrNull(ref reader, "queue_ms");
            else reader.Skip();
        }
        return new ServerTimings(promptN, promptMs, predictedN, predictedMs, queueMs);
    }

    private static OpenAIStreamError? ReadError(ref Utf8JsonReader reader)
    {
        Value(ref reader);
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw Mismatch("error", "an object or null", reader.TokenType);
        string? message = null, type = null;
        int? code = null;
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "message"u8)) message = ReadOrCheckString(ref reader, "message", keep: true);
            else if (Is(ref reader, "type"u8)) type = ReadOrCheckString(ref reader, "type", keep: true);
            else if (Is(ref reader, "code"u8)) code = ReadCode(ref reader);
            else reader.Skip();
        }
        return new OpenAIStreamError(message, type, code);
    }

    /// <summary>Any JSON value is accepted as a code; an Int32 number or a string holding one is kept.</summary>
    private static int? ReadCode(ref Utf8JsonReader reader)
    {
        Value(ref reader);
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt32(out var n) ? n : null;
            case JsonTokenType.String:
                string? text;
                try
                {
                    text = reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return null; // not UTF-8: no code, the error itself still reported
                }
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            default:
                reader.Skip();
                return null;
        }
    }

    private static string? ReadModel(ref Utf8JsonReader reader)
    {
        Value(ref reader);
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped) return ReadString(ref reader, "model");
        var cached = s_model;
        if (cached is not null && reader.ValueSpan.SequenceEqual(cached.Utf8)) return cached.Text;
        var text = ReadString(ref reader, "model")!;
        s_model = new CachedText(reader.ValueSpan.ToArray(), text);
        return text;
    }

    private static string? ReadFinishReason(ref Utf8JsonReader reader, bool keep)
    {
        Value(ref reader);
        if (keep && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
        {
            if (reader.ValueSpan.SequenceEqual("stop"u8)) return "stop";
            if (reader.ValueSpan.SequenceEqual("length"u8)) return "length";
        }
        return keep ? ReadString(ref reader, "finish_reason") : CheckString(ref reader, "finish_reason");
    }

    private static string? ReadOrCheckString(ref Utf8JsonReader reader, string field, bool keep)
    {
        Value(ref reader);
        return keep ? ReadString(ref reader, field) : CheckString(ref reader, field);
    }

    private static string? ReadString(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.String) throw Mismatch(field, "a string or null", reader.TokenType);
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException($"a stream event's '{field}' is not valid UTF-8 text", ex);
        }
    }

    /// <summary>Validates a string field nobody reads without allocating it (escaped text, rare, is decoded).</summary>
    private static string? CheckString(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
        {
            if (!Utf8.IsValid(reader.ValueSpan)) throw new JsonException($"a stream event's '{field}' is not valid UTF-8 text");
            return null;
        }
        ReadString(ref reader, field);
        return null;
    }

    private static int? ReadInt32OrNull(ref Utf8JsonReader reader, string field)
    {
        Value(ref reader);
        if (reader.TokenType == JsonTokenType.Null) return null;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value)
            ? value
            : throw Mismatch(field, "an Int32 or null", reader.TokenType);
    }

    private static double? ReadDoubleOrNull(ref Utf8JsonReader reader, string field)
    {
        Value(ref reader);
        if (reader.TokenType == JsonTokenType.Null) return null;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value)
            ? value
            : throw Mismatch(field, "a number or null", reader.TokenType);
    }

    private static JsonException Mismatch(string field, string expected, JsonTokenType got) =>
        new($"a stream event's '{field}' must be {expected}, not {got}");

    private struct Choice
    {
        public string? Text;
        public string? Content;
        public string? ReasoningContent;
        public string? Reasoning;
        public string? FinishReason;
    }

    private sealed record CachedText(byte[] Utf8, string Text);
}
