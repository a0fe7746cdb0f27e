using TokenClock.Core.Backends;
using static TokenClock.Core.Tests.Http.SseStreams;

namespace TokenClock.Core.Tests.Http;

/// <summary>Anthropic Messages SSE parsing over trickle streams with every SSE line ending.</summary>
public sealed class AnthropicStreamParsingTests
{
    private const string Stream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"m1","type":"message","role":"assistant","model":"claude-x","content":[],"usage":{"input_tokens":25,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}

        event: ping
        data: {"type": "ping"}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me see"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: content_block_start
        data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Hi there"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":1}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":15}}

        event: message_stop
        data: {"type":"message_stop"}


        """;

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public async Task Trickled_stream_yields_thinking_text_usage_and_stop_reason(string newline)
    {
        var (events, handler) = await AnthropicAsync(WithLineEndings(Stream, newline));

        var chunks = events.OfType<ChunkReceived>().ToArray();
        Assert.Equal(2, chunks.Length);
        Assert.Equal("Let me see", chunks[0].ReasoningText);
        Assert.Equal("", chunks[0].Text);
        Assert.Equal("Hi there", chunks[1].Text);
        var usage = events.OfType<UsageReported>().Select(u => u.Usage).ToArray();
        Assert.Equal(25, usage[0].InputTokens);
        Assert.Equal(15, usage[^1].OutputTokens);
        Assert.Equal("end_turn", Assert.IsType<StreamEnded>(events[^1]).FinishReason);
        Assert.Equal("claude-x", Assert.Single(events.OfType<ResponseModelReported>()).Model);
        Assert.Equal("2023-06-01", handler.LastRequest!.Headers.GetValues("anthropic-version").Single());
        Assert.Equal("k", handler.LastRequest.Headers.GetValues("x-api-key").Single());
    }

    [Fact]
    public async Task Overloaded_error_event_is_a_provider_error()
    {
        var (events, _) = await AnthropicAsync("""
            event: message_start
            data: {"type":"message_start","message":{"model":"c","usage":{"input_tokens":1}}}

            event: error
            data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}


            """);

        var failed = Assert.IsType<StreamFailed>(events[^1]);
        Assert.Equal(ErrorClass.ProviderError, failed.Class);
        Assert.Contains("Overloaded", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_message_stop_is_a_disconnect()
    {
        var (events, _) = await AnthropicAsync("event: ping\ndata: {\"type\":\"ping\"}\n\n");

        Assert.Equal(ErrorClass.Disconnect, Assert.IsType<StreamFailed>(events[^1]).Class);
        Assert.Single(events.OfType<FirstByteReceived>());
    }
}
