using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using TokenClock.Core.Backends;
using TokenClock.Core.Http;
using TokenClock.Core.Http.Wire;
using TokenClock.Core.Tests.Http.Reference;
using TokenClock.Tests.Properties;
using static TokenClock.Core.Tests.Http.SseStreams;

namespace TokenClock.Core.Tests.Http;

/// <summary>
/// <see cref="OpenAIChunkReader"/> reads what the source-generated deserialization into the chunk DTOs read
/// (<see cref="ReferenceJsonContext"/>), and fails where it failed; plus the unusual but valid chunks by name.
/// </summary>
public sealed class OpenAIChunkReaderTests
{
    private static readonly string[] RealChunks =
    [
        """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1733000000,"model":"meta-llama/Llama-3.1-8B","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""",
        """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1733000000,"model":"meta-llama/Llama-3.1-8B","choices":[{"index":0,"delta":{"content":" tok"},"logprobs":null,"finish_reason":null}]}""",
        """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1733000000,"model":"gpt-4o","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}""",
        """{"id":"chatcmpl-1","object":"chat.completion.chunk","model":"gpt-4o","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":20,"total_tokens":32,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":4,"audio_tokens":0}}}""",
        """{"choices":[{"finish_reason":"length","index":0,"delta":{}}],"created":1,"id":"c","model":"q","object":"chat.completion.chunk","usage":{"completion_tokens":2,"prompt_tokens":5,"total_tokens":7},"timings":{"prompt_n":5,"prompt_ms":12.5,"prompt_per_token_ms":2.5,"predicted_n":2,"predicted_ms":30.25,"queue_ms":0.5}}""",
        """{"id":"cmpl-1","object":"text_completion","model":"m","choices":[{"index":0,"text":" up","logprobs":null,"finish_reason":"length","stop_reason":null}]}""",
        """{"choices":[{"index":0,"delta":{"reasoning_content":"hmm"}}]}""",
        """{"error":{"message":"Rate limit reached","type":"rate_limit_exceeded","param":null,"code":"429"}}""",
        """{"error":{"message":"context too long","type":"invalid_request_error","code":400}}""",
    ];

    [Fact]
    public void Generated_chunks_are_read_as_the_dto_deserialization_read_them()
    {
        var seen = new Dictionary<string, int>();
        Seeded.ForAll(Gen.Int, 6000, seed: 90, seed =>
        {
            var data = new ChunkWriter(new Random(seed)).Chunk();
            var (expected, actual) = (Reference(data), Reader(data));
            seen[expected.Failure ?? "read"] = seen.GetValueOrDefault(expected.Failure ?? "read") + 1;
            AssertSame(expected, actual);
        }, seed => Show(new ChunkWriter(new Random(seed)).Chunk()));
        // The generator reaches both sides of the contract often enough to mean something.
        Assert.True(seen.GetValueOrDefault("read") > 1500, string.Join(", ", seen));
        Assert.True(seen.GetValueOrDefault(nameof(JsonException)) > 1500, string.Join(", ", seen));
    }

    [Fact]
    public void Mutated_real_chunks_are_read_or_refused_as_the_dto_deserialization_did()
    {
        var seeds = RealChunks.Select(Encoding.UTF8.GetBytes).ToArray();
        Seeded.ForAll(Seeded.Mutations(seeds), 6000, seed: 91, data => AssertSame(Reference(data), Reader(data)), Show);
    }

    [Fact]
    public void Escaped_unicode_in_content_is_decoded()
    {
        var chunk = OpenAIChunkReader.Read("""{"choices":[{"delta":{"content":"caf\u00e9 \ud83d\ude00 \"q\" \\ \/ \n\t"}}]}"""u8);

        Assert.Equal("café 😀 \"q\" \\ / \n\t", chunk.Content);
    }

    [Fact]
    public void Escaped_property_names_are_matched_by_their_text()
    {
        var chunk = OpenAIChunkReader.Read("""{"ch\u006fices":[{"delta":{"con\u0074ent":"x"},"finish\u005freason":"stop"}],"\u006dodel":"m"}"""u8);

        Assert.Equal(("x", "stop", "m"), (chunk.Content, chunk.FinishReason, chunk.Model));
    }

    [Fact]
    public async Task Fields_in_any_order_give_the_same_events()
    {
        var (events, _) = await OpenAIAsync("""
            data: {"usage":null,"choices":[{"finish_reason":null,"delta":{"content":"He","role":"assistant"},"index":0}],"model":"m-1","id":"x"}

            data: {"timings":{"predicted_ms":30.25,"prompt_n":5},"usage":{"completion_tokens":2,"prompt_tokens":5},"choices":[{"delta":{"content":"llo"},"finish_reason":"stop"}]}

            data: [DONE]


            """);

        Assert.Equal(["He", "llo"], events.OfType<ChunkReceived>().Select(c => c.Text));
        Assert.Equal("m-1", Assert.Single(events.OfType<ResponseModelReported>()).Model);
        Assert.Equal(new TokenUsage(5, 2), Assert.Single(events.OfType<UsageReported>()).Usage);
        Assert.Equal(new ServerTimings(5, null, null, 30.25), Assert.Single(events.OfType<ServerTimingsReported>()).Timings);
        Assert.Equal("stop", Assert.IsType<StreamEnded>(events[^1]).FinishReason);
    }

    [Fact]
    public void Unknown_nested_objects_and_arrays_are_skipped_even_when_they_hold_known_names()
    {
        var chunk = OpenAIChunkReader.Read("""
            {"logprobs":{"content":[{"token":"no","top_logprobs":[[],{"content":"no"},[[[1]]]]}]},
             "choices":[{"delta":{"tool_calls":[{"function":{"content":"no","arguments":"{}"}}],"content":"yes","extra":{"reasoning":"no"}},
                         "logprobs":{"text":"no","finish_reason":"no"}},
                        {"delta":{"content":"second choice"}}],
             "usage":{"prompt_tokens_details":{"prompt_tokens":99},"prompt_tokens":3},
             "model":"m"}
            """u8);

        Assert.Equal(("yes", null, null), (chunk.Content, chunk.Reasoning, chunk.Text));
        Assert.Null(chunk.FinishReason);
        Assert.Equal(new TokenUsage(3, null), chunk.Usage);
    }

    [Fact]
    public async Task Null_content_is_no_chunk_and_null_content_beside_reasoning_is_an_empty_text_chunk()
    {
        var (events, _) = await OpenAIAsync("""
            data: {"choices":[{"delta":{"content":null}}]}

            data: {"choices":[{"delta":{"content":null,"reasoning":"think"}}]}

            data: {"choices":[{"delta":null,"text":null}]}

            data: [DONE]


            """);

        var chunk = Assert.Single(events.OfType<ChunkReceived>());
        Assert.Equal(("", "think"), (chunk.Text, chunk.ReasoningText));
    }

    [Fact]
    public void A_repeated_property_replaces_the_earlier_one()
    {
        var chunk = OpenAIChunkReader.Read("""{"choices":[{"delta":{"content":"a","reasoning":"r"},"delta":{"content":"b"}}],"usage":{"prompt_tokens":1},"usage":{"completion_tokens":2}}"""u8);

        Assert.Equal(("b", null), (chunk.Content, chunk.Reasoning));
        Assert.Equal(new TokenUsage(null, 2), chunk.Usage);
    }

    [Fact]
    public void Float_timings_are_read_and_exponent_integers_are_not_counts()
    {
        var chunk = OpenAIChunkReader.Read("""{"timings":{"prompt_ms":1.25e2,"predicted_ms":-0.0,"queue_ms":3}}"""u8);
        Assert.Equal(new ServerTimings(null, 125, null, 0, 3), chunk.Timings);

        // Token counts are Int32s: "20.0" or "2e1" was refused by the DTO path and still is (a malformed stream).
        Assert.Throws<JsonException>(() => OpenAIChunkReader.Read("""{"usage":{"completion_tokens":20.0}}"""u8));
        Assert.Throws<JsonException>(() => OpenAIChunkReader.Read("""{"usage":{"prompt_tokens":2e1}}"""u8));
    }

    [Theory]
    [InlineData("""{"choices":[{"delta":{"content":"a"}}]""")]                       // truncated
    [InlineData("""{"choices":[{"delta":{"content":"a"}}],}""")]                     // trailing comma
    [InlineData("""{"choices":[{"delta":{"content":"a"}}]} {}""")]                    // two values
    [InlineData("""/* c */ {"choices":[]}""")]                                        // comment
    [InlineData("""{"choices":[{"delta":{"content":7}}]}""")]                       // wrong type
    [InlineData("""{"choices":{"delta":{"content":"a"}}}""")]                        // object for array
    [InlineData("""{"choices":[{"index":null,"delta":{"content":"a"}}]}""")]       // null for an Int32
    [InlineData("""{"usage":{"completion_tokens":"20"}}""")]                          // count as a string
    [InlineData("""{"usage":{"completion_tokens":2147483648}}""")]                    // count past Int32
    [InlineData("""{"model":"\ud800"}""")]                                            // lone surrogate
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task Malformed_chunks_are_malformed_streams_as_before(string data)
    {
        var bytes = Encoding.UTF8.GetBytes(data);
        Assert.Equal(nameof(JsonException), Reference(bytes).Failure);

        var (events, _) = await OpenAIAsync("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: " + data + "\n\ndata: [DONE]\n\n");

        Assert.Equal(ErrorClass.MalformedStream, Assert.IsType<StreamFailed>(events[^1]).Class);
        Assert.Equal("a", Assert.Single(events.OfType<ChunkReceived>()).Text);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_read_string_is_a_malformed_stream_as_before()
    {
        byte[] data = [.. """{"id":"x","choices":[{"delta":{"content":"a"""u8, 0xC3, 0x28, .. "\"}}]}"u8];
        Assert.Equal(nameof(JsonException), Reference(data).Failure);

        var (events, _) = await OpenAIAsync([.. "data: "u8, .. data, .. "\n\ndata: [DONE]\n\n"u8]);

        Assert.Equal(ErrorClass.MalformedStream, Assert.IsType<StreamFailed>(events[^1]).Class);
    }

    [Fact]
    public void A_null_first_choice_is_malformed_here_not_a_crash_later()
    {
        // The DTO path accepted [null] and the translator then dereferenced it (ErrorClass.Other, a
        // NullReferenceException's message); a null first choice is now a malformed chunk.
        Assert.Equal("null first choice", Reference("""{"choices":[null]}"""u8.ToArray()).Failure);
        Assert.Throws<JsonException>(() => OpenAIChunkReader.Read("""{"choices":[null]}"""u8));
        Assert.Equal("x", OpenAIChunkReader.Read("""{"choices":[{"delta":{"content":"x"}},null]}"""u8).Content);
    }

    [Fact]
    public void A_changed_model_name_is_read_afresh()
    {
        Assert.Equal("a", OpenAIChunkReader.Read("""{"model":"a"}"""u8).Model);
        Assert.Equal("a", OpenAIChunkReader.Read("""{"model":"a"}"""u8).Model);
        Assert.Equal("ab", OpenAIChunkReader.Read("""{"model":"ab"}"""u8).Model);
        Assert.Equal("a", OpenAIChunkReader.Read("""{"model":"\u0061"}"""u8).Model);
        Assert.Null(OpenAIChunkReader.Read("""{"model":null}"""u8).Model);
    }

    private sealed record Outcome(OpenAIStreamChunk? Chunk, string? Failure);

    private static void AssertSame(Outcome expected, Outcome actual)
    {
        // The one intended difference: a null first choice failed later, in the translator; now in the reader.
        if (expected.Failure == "null first choice") Assert.Equal(nameof(JsonException), actual.Failure);
        else Assert.Equal(expected, actual);
    }

    private static Outcome Reader(byte[] data)
    {
        try
        {
            return new(OpenAIChunkReader.Read(data), null);
        }
        catch (JsonException)
        {
            return new(null, nameof(JsonException));
        }
        catch (Exception ex)
        {
            return new(null, ex.GetType().Name);
        }
    }

    /// <summary>The DTO deserialization and the fields the translator took from its result.</summary>
    private static Outcome Reference(byte[] data)
    {
        try
        {
            if (data.AsSpan().Trim((byte)' ').SequenceEqual("[DONE]"u8)) return new(OpenAIStreamChunk.Done, null);
            var dto = JsonSerializer.Deserialize(data, ReferenceJsonContext.Default.OpenAIChunk) ?? throw new JsonException("null");
            var first = dto.Choices is { Count: > 0 } choices ? choices[0] : null;
            if (dto.Choices is { Count: > 0 } && first is null) return new(null, "null first choice");
            return new(new OpenAIStreamChunk
            {
                Model = dto.Model,
                HasChoice = first is not null,
                Text = first?.Text,
                Content = first?.Delta?.Content,
                ReasoningContent = first?.Delta?.ReasoningContent,
                Reasoning = first?.Delta?.Reasoning,
                FinishReason = first?.FinishReason,
                Usage = dto.Usage is { } u ? new TokenUsage(u.PromptTokens, u.CompletionTokens, u.CompletionTokensDetails?.ReasoningTokens) : null,
                Timings = dto.Timings is { } t ? new ServerTimings(t.PromptN, t.PromptMs, t.PredictedN, t.PredictedMs, t.QueueMs) : null,
                Error = dto.Error is { } e ? new OpenAIStreamError(e.Message, e.Type, Code(e.Code)) : null,
            }, null);
        }
        catch (JsonException)
        {
            return new(null, nameof(JsonException));
        }
        catch (Exception ex)
        {
            return new(null, ex.GetType().Name);
        }
    }

    private static int? Code(JsonElement code)
    {
        if (code.ValueKind == JsonValueKind.Number) return code.TryGetInt32(out var n) ? n : null;
        if (code.ValueKind != JsonValueKind.String) return null;
        string? text;
        try
        {
            text = code.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    private static string Show(byte[] data) => Convert.ToHexString(data) + " " + Encoding.UTF8.GetString(data);

    /// <summary>
    /// Chunk-shaped JSON, mostly well typed, with the odd things a server may send: names escaped or in another
    /// case, fields repeated, any order, unknown nesting, escapes, invalid UTF-8, numbers that are not Int32s.
    /// </summary>
    private sealed class ChunkWriter(Random random)
    {
        private static readonly string[] Root = ["id", "model", "choices", "usage", "timings", "error", "object", "created", "system_fingerprint"];
        private static readonly string[] ChoiceKeys = ["index", "delta", "message", "text", "finish_reason", "logprobs"];
        private static readonly string[] DeltaKeys = ["role", "content", "reasoning_content", "reasoning", "tool_calls"];
        private static readonly string[] UsageKeys = ["prompt_tokens", "completion_tokens", "total_tokens", "completion_tokens_details", "prompt_tokens_details"];
        private static readonly string[] DetailKeys = ["reasoning_tokens", "audio_tokens"];
        private static readonly string[] TimingKeys = ["prompt_n", "prompt_ms", "predicted_n", "predicted_ms", "queue_ms", "prompt_per_token_ms"];
        private static readonly string[] ErrorKeys = ["message", "type", "code", "param"];
        private static readonly string[] Ints = ["0", "20", "-3", "2147483647", "2147483648", "1.5", "20.0", "1e3", "-0", "007"];
        private static readonly string[] Doubles = ["12.5", "3", "-0.0", "1E-3", "1e400", "0.1e1"];
        private static readonly string[] Specials = ["null", "[]", "\"x\"", "", " ", "[DONE]", " [DONE] ", "{} {}", "{}x", "{\"a\":1,}", "/*c*/{}", "{}", "  {}  ", "1"];
        private readonly List<byte> _out = [];

        public byte[] Chunk()
        {
            if (random.Next(40) == 0) Raw(Specials[random.Next(Specials.Length)]);
            else Object(Root, 0);
            return [.. _out];
        }

        private void Raw(string text) => _out.AddRange(Encoding.UTF8.GetBytes(text));

        private void Space()
        {
            if (random.Next(6) == 0) Raw(new[] { " ", "\n", "\t ", "\r\n" }[random.Next(4)]);
        }

        private void Object(string[] keys, int depth)
        {
            Raw("{");
            var count = random.Next(0, keys.Length + 2);
            for (var i = 0; i < count; i++)
            {
                if (i > 0) Raw(",");
                Space();
                var key = random.Next(12) == 0 ? "x" + random.Next(3) : keys[random.Next(keys.Length)];
                Name(key);
                Space();
                Raw(":");
                Space();
                if (random.Next(5) == 0) Any(depth + 1);
                else Typed(key, depth + 1);
            }
            Space();
            Raw("}");
        }

        private void Name(string key)
        {
            var r = random.Next(20);
            if (r == 0) key = char.ToUpperInvariant(key[0]) + key[1..];
            if (r == 1 && key.Length > 1)
            {
                var at = random.Next(key.Length);
                key = key[..at] + "\\u" + ((int)key[at]).ToString("x4", CultureInfo.InvariantCulture) + key[(at + 1)..];
            }
            Raw("\"" + key + "\"");
        }

        private void Typed(string key, int depth)
        {
            switch (key)
            {
                case "choices":
                    Raw("[");
                    var n = random.Next(0, 4);
                    for (var i = 0; i < n; i++)
                    {
                        if (i > 0) Raw(",");
                        if (random.Next(20) == 0) Raw("null");
                        else Object(ChoiceKeys, depth + 1);
                    }
                    Raw("]");
                    break;
                case "delta" or "message": Object(DeltaKeys, depth); break;
                case "usage": Object(UsageKeys, depth); break;
                case "completion_tokens_details": Object(DetailKeys, depth); break;
                case "timings": Object(TimingKeys, depth); break;
                case "error": Object(ErrorKeys, depth); break;
                case "index" or "prompt_tokens" or "completion_tokens" or "total_tokens" or "reasoning_tokens" or "prompt_n" or "predicted_n":
                    Raw(random.Next(3) == 0 ? Ints[random.Next(Ints.Length)] : random.Next(100).ToString(CultureInfo.InvariantCulture));
                    break;
                case "prompt_ms" or "predicted_ms" or "queue_ms": Raw(Doubles[random.Next(Doubles.Length)]); break;
                case "code" or "param" or "tool_calls" or "logprobs" or "prompt_tokens_details": Any(depth); break;
                default: String(); break;
            }
        }

        private void String()
        {
            switch (random.Next(14))
            {
                case 0: Raw("\"\""); break;
                case 1: Raw("\"h\u00e9llo \U0001F642\""); break;
                case 2: Raw("\"caf\\u00e9 \\ud83d\\ude42 \\\" \\\\ \\n\""); break;
                case 3: Raw("\"\\ud800\""); break;
                case 4: Raw("\"a"); _out.Add((byte)(0x80 + random.Next(0x80))); Raw("b\""); break;
                case 5: Raw("\"stop\""); break;
                case 6: Raw("\"length\""); break;
                case 7: Raw("\"429\""); break;
                case 8: Raw(random.Next(2) == 0 ? "\"m\"" : "\"m2\""); break;
                case 9: Raw("\"st\\u006fp\""); break;
                case 10: Raw("null"); break;
                default: Raw("\"t" + random.Next(1000).ToString(CultureInfo.InvariantCulture) + "\""); break;
            }
        }

        private void Any(int depth)
        {
            switch (random.Next(depth > 4 ? 7 : 9))
            {
                case 0: String(); break;
                case 1: Raw(Ints[random.Next(Ints.Length)]); break;
                case 2: Raw(Doubles[random.Next(Doubles.Length)]); break;
                case 3: Raw("null"); break;
                case 4: Raw("true"); break;
                case 5: Raw("false"); break;
                case 6: Raw("\"s\""); break;
                case 7: Object([.. Root, .. ChoiceKeys, .. DeltaKeys], depth); break;
                default:
                    Raw("[");
                    var n = random.Next(0, 3);
                    for (var i = 0; i < n; i++)
                    {
                        if (i > 0) Raw(",");
                        Any(depth + 1);
                    }
                    Raw("]");
                    break;
            }
        }
    }
}
