using System.Net;
using System.Net.Http;
using System.Text;

namespace TokenClock.Benchmarks.Engine;

/// <summary>An in-memory OpenAI stream of N one-token chunks and a handler that serves it (no network in the way).</summary>
internal sealed class ChunkStream : HttpMessageHandler
{
    private readonly byte[] _body;

    public ChunkStream(int chunks)
    {
        Chunks = chunks;
        var sb = new StringBuilder();
        sb.Append("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"sim\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
        for (var i = 0; i < chunks; i++)
            sb.Append("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"sim\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" the\"},\"finish_reason\":null}]}\n\n");
        sb.Append("data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":").Append(chunks).Append(",\"total_tokens\":9}}\n\n");
        sb.Append("data: [DONE]\n\n");
        _body = Encoding.UTF8.GetBytes(sb.ToString());
    }

    public int Chunks { get; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new MemoryStream(_body, writable: false)) });
}
