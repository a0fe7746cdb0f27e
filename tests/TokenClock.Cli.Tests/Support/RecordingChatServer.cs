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
    private const string Stream =
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n" +
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A short answer.\"}}]}\n\n" +
        "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n" +
        "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":4,\"total_tokens\":9}}\n\n" +
        "data: [DONE]\n\n";

    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();

    public ConcurrentQueue<JsonElement> Bodies { get; } = new();

    /// <summary>The OpenAI-style base URL, ending in /v1.</summary>
    public string BaseUrl { get; }

    private RecordingChatServer(int port)
    {
        BaseUrl = $"http://127.0.0.1:{port}/v1";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public static RecordingChatServer Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            try
            {
                return new RecordingChatServer(port);
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
            using (var reader = new StreamReader(ctx.Request.InputStream, Encoding.UTF8))
            {
                var body = await reader.ReadToEndAsync();
                using var doc = JsonDocument.Parse(body);
                Bodies.Enqueue(doc.RootElement.Clone());
            }
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "text/event-stream";
            var bytes = Encoding.UTF8.GetBytes(Stream);
            await ctx.Response.OutputStream.WriteAsync(bytes);
            ctx.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        await _loop;
        _stop.Dispose();
    }
}
