using System.Net;
using TokenClock.Core.Backends;
using static TokenClock.Core.Tests.Http.SseStreams;

namespace TokenClock.Core.Tests.Http;

/// <summary>OpenAI SSE parsing over trickle streams (one byte per read) with every SSE line ending.</summary>
public sealed class OpenAIStreamParsingTests
{
    private const string Stream = """
        data: {"id":"c1","model":"gpt-x","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

        : keep-alive comment

        data: {"id":"c1","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}

        data: {"id":"c1","choices":[{"index":0,"delta":{"reasoning_content":"hmm"},"finish_reason":null}]}

        data: {"id":"c1","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}

        data: {"id":"c1","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"completion_tokens_details":{"reasoning_tokens":1}},"timings":{"prompt_n":5,"prompt_ms":12.5,"predicted_n":2,"predicted_ms":30.25}}

        data: [DONE]


        """;

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public async Task Trickled_stream_yields_chunks_usage_timings_and_end_for_every_line_ending(string newline)
    {
        var (events, _) = await OpenAIAsync(WithLineEndings(Stream, newline));

        Assert.IsType<RequestSent>(events[0]);
        Assert.IsType<HeadersReceived>(events[1]);
        Assert.IsType<FirstByteReceived>(events[2]);
        var chunks = events.OfType<ChunkReceived>().ToArray();
        Assert.Equal(["Hel", "", "lo"], chunks.Select(c => c.Text));
        Assert.Equal("hmm", chunks[1].ReasoningText);
        Assert.Equal(new TokenUsage(5, 2, 1), Assert.Single(events.OfType<UsageReported>()).Usage);
        var timings = Assert.Single(events.OfType<ServerTimingsReported>()).Timings;
        Assert.Equal((5, 12.5, 2, 30.25), (timings.PromptTokens!.Value, timings.PromptMs!.Value, timings.PredictedTokens!.Value, timings.PredictedMs!.Value));
        Assert.Equal("gpt-x", Assert.Single(events.OfType<ResponseModelReported>()).Model);
        var end = Assert.IsType<StreamEnded>(events[^1]);
        Assert.Equal("stop", end.FinishReason);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task Each_event_is_timestamped_at_the_read_of_its_last_byte_not_later(string newline)
    {
        var text = WithLineEndings(Stream, newline);
        var (events, _) = await OpenAIAsync(text);

        // The event that carries "Hel" ends with the blank line after it: its timestamp (a byte position)
        // must be that terminator's position, whatever parsing happened afterwards.
        var start = text.IndexOf("\"Hel\"", StringComparison.Ordinal);
        var terminator = text.IndexOf(newline + newline, start, StringComparison.Ordinal) + 2 * newline.Length;
        var hel = events.OfType<ChunkReceived>().First();
        Assert.Equal(terminator, hel.Timestamp);
        var first = events.OfType<FirstByteReceived>().Single();
        Assert.True(first.Timestamp < hel.Timestamp);
        var stamps = events.Skip(2).Select(e => e.Timestamp).ToArray();
        Assert.Equal(stamps.Order(), stamps);
    }

    [Fact]
    public async Task Role_only_and_empty_deltas_are_not_chunks()
    {
        var (events, _) = await OpenAIAsync("""
            data: {"choices":[{"delta":{"role":"assistant"}}]}

            data: {"choices":[{"delta":{"content":""}}]}

            data: {"choices":[{"delta":{"content":"x"}}]}

            data: [DONE]


            """);

        Assert.Equal("x", Assert.Single(events.OfType<ChunkReceived>()).Text);
        Assert.Single(events.OfType<FirstByteReceived>());
    }

    [Fact]
    public async Task Invalid_json_is_a_malformed_stream()
    {
        var (events, _) = await OpenAIAsync("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: {\"choices\":[\n\n");

        var failed = Assert.IsType<StreamFailed>(events[^1]);
        Assert.Equal(ErrorClass.MalformedStream, failed.Class);
        Assert.Single(events.OfType<ChunkReceived>());
    }

    [Fact]
    public async Task End_of_body_without_done_is_a_disconnect()
    {
        var (events, _) = await OpenAIAsync("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n");

        Assert.Equal(ErrorClass.Disconnect, Assert.IsType<StreamFailed>(events[^1]).Class);
    }

    [Fact]
    public async Task Error_event_in_the_stream_is_a_provider_error_with_its_message()
    {
        var (events, _) = await OpenAIAsync("data: {\"error\":{\"message\":\"context too long\",\"type\":\"invalid_request_error\",\"code\":400}}\n\n");

        var failed = Assert.IsType<StreamFailed>(events[^1]);
        Assert.Equal(ErrorClass.ProviderError, failed.Class);
        Assert.Contains("context too long", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_429_is_rate_limited_with_retry_after_and_the_providers_message()
    {
        var (events, _) = await OpenAIAsync(
            """{"error":{"message":"Rate limit reached for gpt-x","type":"requests"}}""",
            HttpStatusCode.TooManyRequests,
            r => r.Headers.Add("retry-after", "3"));

        var failed = Assert.IsType<StreamFailed>(events[^1]);
        Assert.Equal(ErrorClass.RateLimited, failed.Class);
        Assert.Equal(429, failed.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), failed.RetryAfter);
        Assert.Contains("Rate limit reached for gpt-x", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_statuses_are_http_status_errors_even_with_non_json_bodies()
    {
        var (events, _) = await OpenAIAsync("<html>Bad gateway</html>", HttpStatusCode.BadGateway);

        var failed = Assert.IsType<StreamFailed>(events[^1]);
        Assert.Equal(ErrorClass.HttpStatus, failed.Class);
        Assert.Equal(502, failed.StatusCode);
        Assert.Contains("Bad gateway", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_body_asks_for_streaming_usage_and_engine_extensions()
    {
        var (_, handler) = await OpenAIAsync("data: [DONE]\n\n", request: new TokenClock.Core.Backends.BackendRequest
        {
            Prompt = "p", SystemPrompt = "s", MaxTokens = 64, MinTokens = 64, IgnoreEos = true, Temperature = 0, Seed = 3,
        });

        var body = handler.LastBody!;
        Assert.Contains("\"stream\":true", body, StringComparison.Ordinal);
        Assert.Contains("\"stream_options\":{\"include_usage\":true}", body, StringComparison.Ordinal);
        Assert.Contains("\"max_tokens\":64", body, StringComparison.Ordinal);
        Assert.Contains("\"min_tokens\":64", body, StringComparison.Ordinal);
        Assert.Contains("\"ignore_eos\":true", body, StringComparison.Ordinal);
        Assert.Contains("\"seed\":3", body, StringComparison.Ordinal);
        Assert.Contains("\"role\":\"system\"", body, StringComparison.Ordinal);
        Assert.Equal("Bearer sk-test", handler.LastRequest!.Headers.Authorization!.ToString());
    }
}
