using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TokenClock.IntegrationTests.Support;

/// <summary>
/// A hostile OpenAI-compatible server on loopback, written on raw sockets (not our server code): every second
/// request gets 401 with all request headers echoed in the body; the others stream a reply whose text and model
/// name echo the Authorization header. Whatever TokenClock prints, stores or exports must not contain the key.
/// </summary>
internal sealed class KeyEchoServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly System.Collections.Concurrent.ConcurrentBag<string> _authorizations = [];
    private int _requests;

    public KeyEchoServer()
    {
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Authorization header values received (so a test can prove the key really went out).</summary>
    public IReadOnlyCollection<string> Authorizations => _authorizations;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var head = await ReadHeadAsync(stream);
            var lines = head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            if (headers.TryGetValue("Content-Length", out var len))
            {
                var remaining = int.Parse(len, CultureInfo.InvariantCulture);
                var buffer = new byte[4096];
                while (remaining > 0)
                {
                    var n = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, remaining)));
                    if (n == 0) break;
                    remaining -= n;
                }
            }
            var auth = headers.GetValueOrDefault("Authorization", "(none)");
            _authorizations.Add(auth);
            var index = Interlocked.Increment(ref _requests);
            var response = index % 2 == 1 ? Unauthorized(head) : Stream(auth);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(response));
        }
        catch (IOException)
        {
            // The client went away; nothing to answer.
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 65536 && await stream.ReadAsync(one) == 1)
        {
            bytes.Add(one[0]);
            if (bytes.Count >= 4 && bytes[^1] == '\n' && bytes[^2] == '\r' && bytes[^3] == '\n' && bytes[^4] == '\r') break;
        }
        return Encoding.ASCII.GetString(bytes.ToArray());
    }

    private static string Json(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    private static string Unauthorized(string requestHead)
    {
        var body = $"{{\"error\":{{\"message\":{Json("invalid key; your request was: " + requestHead)}}}}}";
        return $"HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
    }

    private static string Stream(string auth)
    {
        var sb = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n");
        foreach (var text in new[] { "you sent ", auth, " back" })
            sb.Append("data: {\"id\":\"x\",\"model\":").Append(Json("echo " + auth))
              .Append(",\"choices\":[{\"index\":0,\"delta\":{\"content\":").Append(Json(text)).Append("}}]}\n\n");
        sb.Append("data: {\"id\":\"x\",\"model\":").Append(Json("echo " + auth))
          .Append(",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        sb.Append("data: [DONE]\n\n");
        return sb.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
