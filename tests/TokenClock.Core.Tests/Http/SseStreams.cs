using System.Net;
using System.Net.Http;
using TokenClock.Core.Backends;
using TokenClock.Core.Http;

namespace TokenClock.Core.Tests.Http;

/// <summary>Runs a real OpenAI or Anthropic backend over a canned, trickled response body.</summary>
internal static class SseStreams
{
    public static Task<(List<BackendEvent> Events, CannedHandler Handler)> OpenAIAsync(
        string body, HttpStatusCode status = HttpStatusCode.OK, Action<HttpResponseMessage>? configure = null, BackendRequest? request = null) =>
        OpenAIAsync(System.Text.Encoding.UTF8.GetBytes(body), status, configure, request);

    private static async Task<(List<BackendEvent> Events, CannedHandler Handler)> OpenAIAsync(
        byte[] body, HttpStatusCode status, Action<HttpResponseMessage>? configure, BackendRequest? request)
    {
        var clock = new StepClock();
        var handler = new CannedHandler(status, body, clock, configure);
        using var client = new HttpClient(handler);
        await using var backend = new OpenAIChatBackend(
            new BackendDescriptor("t", "openai-compatible", "m"),
            new HttpBackendEndpoint(new Uri("http://127.0.0.1:9/v1/chat/completions"), TimeSpan.FromSeconds(10), "Authorization", "Bearer sk-test"),
            client: client, time: clock);
        return (await CollectAsync(backend, request), handler);
    }

    public static Task<(List<BackendEvent> Events, CannedHandler Handler)> AnthropicAsync(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        AnthropicAsync(System.Text.Encoding.UTF8.GetBytes(body), status);

    public static Task<(List<BackendEvent> Events, CannedHandler Handler)> OpenAIAsync(byte[] body) =>
        OpenAIAsync(body, HttpStatusCode.OK, null, null);

    public static async Task<(List<BackendEvent> Events, CannedHandler Handler)> AnthropicAsync(byte[] body, HttpStatusCode status = HttpStatusCode.OK, BackendRequest? request = null)
    {
        var clock = new StepClock();
        var handler = new CannedHandler(status, body, clock);
        using var client = new HttpClient(handler);
        await using var backend = new AnthropicBackend(
            new BackendDescriptor("t", "anthropic", "claude"),
            new HttpBackendEndpoint(new Uri("http://127.0.0.1:9/v1/messages"), TimeSpan.FromSeconds(10), "x-api-key", "k", [new("anthropic-version", "2023-06-01")]),
            client, clock);
        return (await CollectAsync(backend, request), handler);
    }

    private static async Task<List<BackendEvent>> CollectAsync(IBackend backend, BackendRequest? request)
    {
        var events = new List<BackendEvent>();
        await foreach (var e in backend.StreamAsync(request ?? new BackendRequest { Prompt = "hi", MaxTokens = 8 })) events.Add(e);
        return events;
    }

    public static string WithLineEndings(string lfText, string newline) => lfText.Replace("\n", newline, StringComparison.Ordinal);
}
