using System.Text;
using System.Text.Json;
using CsCheck;
using TokenClock.Core.Backends;
using TokenClock.Tests.Properties;
using static TokenClock.Core.Tests.Http.SseStreams;

namespace TokenClock.Core.Tests.Http;

/// <summary>
/// Seeded properties of the SSE client path (SseParser, item parsing, translation) over trickled bodies:
/// what a server encodes is what the client reads, and any bent stream still ends in exactly one terminal event.
/// </summary>
public sealed class SsePropertyTests
{
    private static readonly string[] Newlines = ["\n", "\r\n", "\r"];
    private static readonly Gen<string[]> Texts = Gen.String[1, 12].Array[1, 6];

    [Fact]
    public void Openai_chunks_encoded_as_sse_are_read_back_in_order_with_any_line_ending()
    {
        Seeded.ForAll(Gen.Select(Texts, Gen.Int[0, 2], Gen.Bool), 300, seed: 20, sample =>
        {
            var (texts, nl, comments) = sample;
            var sse = new StringBuilder();
            foreach (var t in texts)
            {
                if (comments) sse.Append(": keep-alive").Append(Newlines[nl]);
                sse.Append("data: ").Append(Json(new { choices = new[] { new { index = 0, delta = new { content = t } } } })).Append(Newlines[nl]).Append(Newlines[nl]);
            }
            sse.Append("data: ").Append(Json(new { choices = new[] { new { index = 0, delta = new { }, finish_reason = "stop" } } })).Append(Newlines[nl]).Append(Newlines[nl]);
            sse.Append("data: [DONE]").Append(Newlines[nl]).Append(Newlines[nl]);

            var events = OpenAIAsync(sse.ToString()).GetAwaiter().GetResult().Events;

            Assert.Equal(texts.Select(Lossless), events.OfType<ChunkReceived>().Select(c => c.Text));
            Assert.Equal("stop", Assert.IsType<StreamEnded>(events[^1]).FinishReason);
        }, s => Json(s));
    }

    [Fact]
    public void Anthropic_deltas_encoded_as_sse_are_read_back_in_order_with_any_line_ending()
    {
        Seeded.ForAll(Gen.Select(Texts, Gen.Int[0, 2], Gen.Int[0, 100_000]), 300, seed: 21, sample =>
        {
            var (texts, nl, outputTokens) = sample;
            var n = Newlines[nl];
            var sse = new StringBuilder();
            void Event(string type, object data) => sse.Append("event: ").Append(type).Append(n).Append("data: ").Append(Json(data)).Append(n).Append(n);
            Event("message_start", new { type = "message_start", message = new { id = "m", model = "c", usage = new { input_tokens = 3, output_tokens = 1 } } });
            Event("content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "text", text = "" } });
            foreach (var t in texts) Event("content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text = t } });
            Event("content_block_stop", new { type = "content_block_stop", index = 0 });
            Event("message_delta", new { type = "message_delta", delta = new { stop_reason = "end_turn" }, usage = new { output_tokens = outputTokens } });
            Event("message_stop", new { type = "message_stop" });

            var events = AnthropicAsync(sse.ToString()).GetAwaiter().GetResult().Events;

            Assert.Equal(texts.Select(Lossless), events.OfType<ChunkReceived>().Select(c => c.Text));
            Assert.Equal(outputTokens, events.OfType<UsageReported>().Last().Usage.OutputTokens);
            Assert.Equal("end_turn", Assert.IsType<StreamEnded>(events[^1]).FinishReason);
        }, s => Json(s));
    }

    [Fact]
    public async Task An_error_event_whose_code_is_not_utf8_is_a_provider_failure_not_a_crash()
    {
        // Found by AFL++ (fuzz target 'sse'): a 0xB5 byte in a string "code" escaped the stream as InvalidOperationException.
        byte[] body = [.. "data: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"code\":\""u8, 0xB5, .. "29\"}}\n\n"u8];

        var (events, _) = await OpenAIAsync(body);

        var failure = Assert.IsType<StreamFailed>(events[^1]);
        Assert.Equal(ErrorClass.ProviderError, failure.Class);
        Assert.Null(failure.StatusCode);
        Assert.Contains("overloaded", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_bent_stream_ends_in_exactly_one_terminal_event_and_never_throws()
    {
        var openai = File.ReadAllBytes(Corpus("openai.bin"))[1..];
        var anthropic = File.ReadAllBytes(Corpus("anthropic.bin"))[1..];
        Seeded.ForAll(Gen.Select(Gen.Bool, Seeded.Mutations(openai, anthropic)), 600, seed: 22, sample =>
        {
            var (useAnthropic, body) = sample;
            var events = (useAnthropic ? AnthropicAsync(body) : OpenAIAsync(body)).GetAwaiter().GetResult().Events;

            Assert.IsType<RequestSent>(events[0]);
            Assert.IsType<HeadersReceived>(events[1]);
            Assert.Single(events, e => e is StreamEnded or StreamFailed);
            Assert.True(events[^1] is StreamEnded or StreamFailed, events[^1].ToString());
            Assert.All(events.OfType<StreamFailed>(), f => Assert.False(string.IsNullOrWhiteSpace(f.Message)));
        }, s => Convert.ToHexString(s.Item2));
    }

    /// <summary>The fuzzer's seed corpus doubles as the properties' seeds (first byte: the fuzz target's protocol pick).</summary>
    private static string Corpus(string name)
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "TokenClock.slnx"))) dir = Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("repository root");
        return Path.Combine(dir, "fuzz", "corpus", "sse", name);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    /// <summary>Lone surrogates cannot travel in UTF-8 JSON; they arrive as U+FFFD.</summary>
    private static string Lossless(string s) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s));
}
