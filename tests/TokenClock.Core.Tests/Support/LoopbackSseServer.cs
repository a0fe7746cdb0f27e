using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TokenClock.Tests.Support;

/// <summary>
/// A real HTTP/1.1 server on loopback, written on raw sockets so that it can log what a client library hides:
/// each accepted connection, and each request's method, body, connection, arrival and end (raw
/// <see cref="Stopwatch"/> timestamps, the clock <c>RunClock</c> reads). POST answers an OpenAI-style SSE stream
/// (first token after <see cref="TtftMs"/>, then one per <see cref="TokenMs"/>); any other method gets 405 with an
/// empty body. Connections are kept alive.
/// </summary>
public sealed class LoopbackSseServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly Task _accept;
    private int _connectionCount;

    public LoopbackSseServer()
    {
        _listener.Start();
        _accept = AcceptAsync();
    }

    public int TtftMs { get; init; } = 20;
    public int TokenMs { get; init; } = 2;
    public int Tokens { get; init; } = 3;
    public Uri ChatUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1/chat/completions");
    public ConcurrentQueue<ServedRequest> Requests { get; } = new();
    /// <summary>Accept timestamp of every connection, in accept order.</summary>
    public ConcurrentQueue<long> Accepted { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception) { return; }
            Accepted.Enqueue(Stopwatch.GetTimestamp());
            var id = Interlocked.Increment(ref _connectionCount);
            _connections.Add(Task.Run(() => ServeAsync(socket, id)));
        }
    }

    private async Task ServeAsync(Socket socket, int connection)
    {
        using var _ = socket;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var buffer = new List<byte>();
        var read = new byte[8192];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                int end;
                while ((end = HeaderEnd(buffer)) < 0)
                {
                    var n = await stream.ReadAsync(read, _stop.Token);
                    if (n == 0) return;
                    buffer.AddRange(read.AsSpan(0, n));
                }
                var arrived = Stopwatch.GetTimestamp();
                var head = Encoding.ASCII.GetString(buffer.GetRange(0, end).ToArray());
                buffer.RemoveRange(0, end + 4);
                var length = ContentLength(head);
                while (buffer.Count < length)
                {
                    var n = await stream.ReadAsync(read, _stop.Token);
                    if (n == 0) return;
                    buffer.AddRange(read.AsSpan(0, n));
                }
                var body = Encoding.UTF8.GetString(buffer.GetRange(0, length).ToArray());
                buffer.RemoveRange(0, length);
                var method = head[..head.IndexOf(' ', StringComparison.Ordinal)];
                if (method == "POST") await StreamAsync(stream);
                else await WriteAsync(stream, "HTTP/1.1 405 Method Not Allowed\r\nAllow: POST\r\nContent-Length: 0\r\n\r\n");
                Requests.Enqueue(new ServedRequest(method, body, connection, arrived, Stopwatch.GetTimestamp()));
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
        {
            // The client closed the connection or the server is stopping.
        }
    }

    private async Task StreamAsync(NetworkStream stream)
    {
        await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
        await Task.Delay(TtftMs, _stop.Token);
        for (var i = 0; i < Tokens; i++)
        {
            if (i > 0) await Task.Delay(TokenMs, _stop.Token);
            await ChunkAsync(stream, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok \"}}]}\n\n");
        }
        await ChunkAsync(stream, $"data: {{\"choices\":[],\"usage\":{{\"prompt_tokens\":1,\"completion_tokens\":{Tokens}}}}}\n\ndata: [DONE]\n\n");
        await WriteAsync(stream, "0\r\n\r\n");
    }

    private Task ChunkAsync(NetworkStream stream, string data) =>
        WriteAsync(stream, $"{Encoding.UTF8.GetByteCount(data):x}\r\n{data}\r\n");

    private async Task WriteAsync(NetworkStream stream, string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), _stop.Token);
        await stream.FlushAsync(_stop.Token);
    }

    private static int HeaderEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') return i;
        return -1;
    }

    private static int ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                return int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _accept; } catch (OperationCanceledException) { }
        try { await Task.WhenAll(_connections); } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}

/// <summary>One request as the server saw it; timestamps are raw <see cref="Stopwatch"/> values.</summary>
public sealed record ServedRequest(string Method, string Body, int Connection, long ArrivedTimestamp, long EndedTimestamp);
