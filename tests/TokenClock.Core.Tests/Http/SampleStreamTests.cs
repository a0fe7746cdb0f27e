using TokenClock.Core.Backends;
using TokenClock.Core.Http;

namespace TokenClock.Core.Tests.Http;

/// <summary>Preparation replays each protocol's sample stream to compile the streaming path; it must be a full, valid response.</summary>
public sealed class SampleStreamTests
{
    [Fact]
    public async Task OpenAI_sample_stream_is_a_complete_successful_response()
    {
        var (events, _) = await SseStreams.OpenAIAsync(new OpenAIChatProtocol("m", false, true).SampleStream);
        AssertComplete(events);
    }

    [Fact]
    public async Task Anthropic_sample_stream_is_a_complete_successful_response()
    {
        var (events, _) = await SseStreams.AnthropicAsync(new AnthropicProtocol("m").SampleStream);
        AssertComplete(events);
    }

    private static void AssertComplete(List<BackendEvent> events)
    {
        Assert.Equal(["warm", " up"], events.OfType<ChunkReceived>().Select(c => c.Text));
        Assert.Contains(events, e => e is UsageReported { Usage.OutputTokens: 2 });
        Assert.IsType<StreamEnded>(events[^1]);
        Assert.DoesNotContain(events, e => e is StreamFailed);
    }
}
