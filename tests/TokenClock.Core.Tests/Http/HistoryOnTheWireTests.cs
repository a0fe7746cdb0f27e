using System.Text.Json;
using TokenClock.Core.Backends;
using static TokenClock.Core.Tests.Http.SseStreams;

namespace TokenClock.Core.Tests.Http;

/// <summary>A request's history goes out as messages before its prompt, in order, on both chat protocols.</summary>
public sealed class HistoryOnTheWireTests
{
    private static readonly BackendRequest Request = new()
    {
        Prompt = "third", SystemPrompt = "sys", MaxTokens = 8,
        History = [ChatTurn.User("first"), ChatTurn.Assistant("reply one")],
    };

    private static List<(string, string)> Messages(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("role").GetString()!, m.GetProperty("content").GetString()!)).ToList();
    }

    [Fact]
    public async Task OpenAI_sends_system_then_history_then_the_prompt()
    {
        var (_, handler) = await OpenAIAsync("data: [DONE]\n\n", request: Request);

        Assert.Equal([("system", "sys"), ("user", "first"), ("assistant", "reply one"), ("user", "third")], Messages(handler.LastBody!));
    }

    [Fact]
    public async Task Anthropic_sends_history_then_the_prompt_with_system_apart()
    {
        var (_, handler) = await AnthropicAsync("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"u8.ToArray(), request: Request);

        Assert.Equal([("user", "first"), ("assistant", "reply one"), ("user", "third")], Messages(handler.LastBody!));
        using var doc = JsonDocument.Parse(handler.LastBody!);
        Assert.Equal("sys", doc.RootElement.GetProperty("system").GetString());
    }
}
