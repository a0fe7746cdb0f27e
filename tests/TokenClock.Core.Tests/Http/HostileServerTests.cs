using System.Net;
using System.Net.Sockets;
using System.Text;
using TokenClock.Core.Backends;
using TokenClock.Core.Http;

namespace TokenClock.Core.Tests.Http;

/// <summary>
/// A real loopback socket server that answers like a broken or hostile server would (raw HTTP/1.1 bytes, written
/// by hand so nothing in between fixes them up); the real client must say what it received, safely.
/// </summary>
public sealed class HostileServerTests
{
    private static async Task<List<BackendEvent>> AgainstAsync(Func<NetworkStream, Task> answer, string prompt = "hi")
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serving = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync();
            var stream = socket.GetStream();
            await ReadHeadersAsync(stream);
            await answer(stream);
            socket.Client.Shutdown(SocketShutdown.Send);
            socket.Close();
        });
        using var client = new HttpClient();
        await using var backend = new OpenAIChatBackend(
            new BackendDescriptor("t", "openai-compatible", "m"),
            new HttpBackendEndpoint(new Uri($"http://127.0.0.1:{port}/v1/chat/completions"), TimeSpan.FromSeconds(20), "Authorization", "Bearer sk-test"),
            client: client);
        var events = new List<BackendEvent>();
        await foreach (var e in backend.StreamAsync(new BackendRequest { Prompt = prompt, MaxTokens = 8 })) events.Add(e);
        try { await serving.WaitAsync(TimeSpan.FromSeconds(10)); } catch (IOException) { } catch (SocketException) { }
        return events;
    }

    private static async Task ReadHeadersAsync(NetworkStream stream)
    {
        var seen = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            seen.Add(one[0]);
            if (seen.Count >= 4 && seen[^1] == '\n' && seen[^2] == '\r' && seen[^3] == '\n' && seen[^4] == '\r') return;
        }
    }

    private static Func<NetworkStream, Task> Reply(string status, string contentType, byte[] body) => async stream =>
    {
        var head = $"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body);
    };

    [Fact]
    public async Task A_non_streaming_json_200_is_reported_as_such_not_as_a_cut_stream()
    {
        var json = """{"id":"x","object":"chat.completion","choices":[{"message":{"role":"assistant","content":"Hello"}}]}""";
        var events = await AgainstAsync(Reply("200 OK", "application/json", Encoding.UTF8.GetBytes(json)));

        var failed = Assert.IsType<StreamFailed>(events[^1]);
        Assert.Equal(ErrorClass.MalformedStream, failed.Class);
        Assert.Contains("Content-Type 'application/json'", failed.Message);
        Assert.Contains("chat.completion", failed.Message);
        Assert.Contains("stream", failed.Message);
        Assert.DoesNotContain("mid-stream", failed.Message);
    }

    [Fact]
    public async Task An_html_200_names_the_content_type_and_its_first_bytes()
    {
        var events = await AgainstAsync(Reply("200 OK", "text/html; charset=utf-8", Encoding.UTF8.GetBytes("<html><title>Sign in</title></html>")));

        var failed = Assert.IsType<StreamFailed>(events[^1]);
        Assert.Contains("'text/html'", failed.Message);
        Assert.Contains("<html><title>Sign in", failed.Message);
        Assert.Contains("a wrong base_url?", failed.Message);
    }

    [Fact]
    public async Task Binary_garbage_and_terminal_escapes_from_a_server_never_reach_the_message()
    {
        var garbage = Encoding.ASCII.GetBytes("upstream model server failed while loading its weights, see logs: ").Concat(new byte[] { 0x1B, (byte)'[', (byte)'2', (byte)'J', (byte)'o', (byte)'k', 0x07, 0x1B, (byte)']', (byte)'0', (byte)';', (byte)'x', 0x07, 0xC3, 0x28, 0xE2, 0x80, 0xAE, (byte)'z' }).ToArray();
        var events = await AgainstAsync(Reply("500 Internal Server Error", "text/plain", garbage));

        var failed = Assert.IsType<StreamFailed>(events[^1]);
        Assert.Contains("HTTP 500", failed.Message);
        Assert.DoesNotContain('\u001B', failed.Message);
        Assert.DoesNotContain('\u0007', failed.Message);
        Assert.DoesNotContain('\u202E', failed.Message); // a bidi override would reorder what the user reads
        Assert.Contains("\\x1B[2J", failed.Message);

        var nul = await AgainstAsync(Reply("502 Bad Gateway", "application/octet-stream", [.. Enumerable.Range(0, 4000).Select(i => (byte)(i % 7))]));
        var binary = Assert.IsType<StreamFailed>(nul[^1]);
        Assert.Contains("binary body (4000 bytes, not shown)", binary.Message);
        Assert.True(binary.Message.Length < 200, binary.Message);
    }

    [Fact]
    public async Task A_413_that_hangs_up_during_the_upload_says_the_body_was_too_large()
    {
        // Like a server with a body limit: answer 413 after the headers and close without reading the body.
        var events = await AgainstAsync(Reply("413 Payload Too Large", "text/plain", Encoding.ASCII.GetBytes("too large")), prompt: new string('x', 16 << 20));

        var failed = Assert.IsType<StreamFailed>(events[^1]);
        Assert.Contains("413", failed.Message);
        Assert.DoesNotContain("Error while copying content", failed.Message);
    }

    [Fact]
    public void ServerText_keeps_plain_text_and_bounds_its_length()
    {
        Assert.Equal("rate limit reached for gpt-x", ServerText.Clean("rate limit\r\n reached for gpt-x"));
        Assert.Equal(301, ServerText.Clean(new string('a', 1000)).Length);
    }
}
