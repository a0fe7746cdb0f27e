using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace TokenClock.Cli.Tests.Support;

/// <summary>
/// A real loopback HTTP server (HttpListener) that answers every chat completion with a short SSE stream and
/// keeps each request body as parsed JSON, so tests assert on what went over the wire.
/// </summary>
internal sealed class RecordingChatServer : IAsyncDisposable
{
    private const string DefaultReply = "A short answer.";
    private const string StreamHead =
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n";
    private const string StreamTail =
        "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n" +
        "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":4,\"total_tokens\":9}}\n\n" +
        "data: [DONE]\n\n";

    private readonly HttpListener _listener = new();
    private readonly bool _uniqueReplies;
    private int _replies;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();

    public ConcurrentQueue<JsonElement> Bodies { get; } = new();
    /// <summary>Each request body with the reply text it was answered with.</summary>
    public ConcurrentQueue<(JsonElement Body, string Reply)> Exchanges { get; } = new();

    /// <summary>The OpenAI-style base URL, ending in /v1.</summary>
    public string BaseUrl { get; }

    private RecordingChatServer(int port, bool uniqueReplies)
    {
        _uniqueReplies = uniqueReplies;
        BaseUrl = $"http://127.0.0.1:{port}/v1";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <param name="uniqueReplies">Answer "Reply N." (N counting from 1) instead of one fixed text, so a test can tell replies apart.</param>
    public static RecordingChatServer Start(bool uniqueReplies = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            try
            {
                return new RecordingChatServer(port, uniqueReplies);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between the probe and the bind: try another.
            }
        }
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            if (ctx.Request.HttpMethod != "POST")
            {
                // The client opens its connection with an untimed HEAD before measuring: not a request to record.
                ctx.Response.StatusCode = 200;
                ctx.Response.Close();
                continue;
            }
            string reply;
            using (var reader = new StreamReader(ctx.Request.InputStream, Encoding.UTF8))
            {
                var body = await reader.ReadToEndAsync();
                using var doc = JsonDocument.Parse(body);
                reply = _uniqueReplies ? $"Reply {Interlocked.Increment(ref _replies)}." : DefaultReply;
                Bodies.Enqueue(doc.RootElement.Clone());
                Exchanges.Enqueue((doc.RootElement.Clone(), reply));
            }
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "text/event-stream";
            var bytes = Encoding.UTF8.GetBytes(StreamHead
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":" + JsonSerializer.Serialize(reply) + "}}]}\n\n" + StreamTail);
            await ctx.Response.OutputStream.WriteAsync(bytes);
            ctx.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        // Close alone: the managed HttpListener's Stop() drops the port's endpoint, and a later Close() binds it again
        // to remove the prefix, which fails when a parallel test got the port meanwhile ("Address already in use").
        _listener.Close();
        await _loop;
        _stop.Dispose();
    }
}
