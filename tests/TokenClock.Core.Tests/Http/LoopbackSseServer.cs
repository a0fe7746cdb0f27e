using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TokenClock.Core.Tests.Http;

/// <summary>
/// A real HTTP/1.1 server on 127.0.0.1 that answers every request with a scripted SSE body: each step waits,
/// then writes and flushes its bytes; the body ends when the connection closes. <see cref="Hang"/> accepts and
/// reads the request but never answers. Written on a raw socket so the test controls every byte and instant.
/// </summary>
internal sealed class LoopbackSseServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly IReadOnlyList<Step> _steps;
    private readonly bool _hang;

    /// <summary>Wait <paramref name="Delay"/>, then write <paramref name="Data"/>.</summary>
    public readonly record struct Step(TimeSpan Delay, string Data);

    private LoopbackSseServer(IReadOnlyList<Step> steps, bool hang)
    {
        _steps = steps;
        _hang = hang;
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public static LoopbackSseServer Stream(IReadOnlyList<Step> steps) => new(steps, hang: false);

    public static LoopbackSseServer Hang() => new([], hang: true);

    public Uri ChatUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1/chat/completions");

    /// <summary>Instants (Stopwatch ticks) just after each step's bytes were flushed, for the last request.</summary>
    public List<long> Written { get; } = [];

    /// <summary>A connection the server closed early because the client went away.</summary>
    public bool ClientLeft { get; private set; }

    public static string Data(string json) => "data: " + json + "\n\n";

    public static string Content(string text) =>
        Data($$"""{"choices":[{"index":0,"delta":{"content":"{{text}}"},"finish_reason":null}]}""");

    public static string Usage(int completion, int prompt = 5) =>
        Data($$$"""{"choices":[],"usage":{"prompt_tokens":{{{prompt}}},"completion_tokens":{{{completion}}}}}""");

    public const string Role = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n";
    public const string Done = "data: [DONE]\n\n";

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        client.NoDelay = true;
        var stream = client.GetStream();
        try
        {
            await ReadRequestAsync(stream, _stop.Token);
            if (_hang)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
                return;
            }
            var head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
            await stream.FlushAsync(_stop.Token);
            lock (Written) Written.Clear();
            foreach (var step in _steps)
            {
                if (step.Delay > TimeSpan.Zero) await Task.Delay(step.Delay, _stop.Token);
                await stream.WriteAsync(Encoding.UTF8.GetBytes(step.Data), _stop.Token);
                await stream.FlushAsync(_stop.Token);
                lock (Written) Written.Add(System.Diagnostics.Stopwatch.GetTimestamp());
            }
        }
        catch (IOException)
        {
            ClientLeft = true;
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Reads headers and a Content-Length body, so the client's send completes before the script runs.</summary>
    private static async Task ReadRequestAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new List<byte>(4096);
        var one = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
        {
            var n = await stream.ReadAsync(one, ct);
            if (n == 0) throw new IOException("client closed before sending a request");
            buffer.AddRange(one.AsSpan(0, n).ToArray());
        }
        var headers = Encoding.ASCII.GetString(buffer.GetRange(0, headerEnd).ToArray());
        var length = 0;
        foreach (var line in headers.Split("\r\n"))
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var have = buffer.Count - (headerEnd + 4);
        while (have < length)
        {
            var n = await stream.ReadAsync(one, ct);
            if (n == 0) throw new IOException("client closed mid-body");
            have += n;
        }
    }

    private static int IndexOfHeaderEnd(List<byte> b)
    {
        for (var i = 0; i + 3 < b.Count; i++)
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') return i;
        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (Exception) { }
        _stop.Dispose();
    }
}
