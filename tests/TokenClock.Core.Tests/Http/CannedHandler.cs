using System.Net;
using System.Net.Http;

namespace TokenClock.Core.Tests.Http;

/// <summary>
/// Transport stand-in that answers every request with a fixed status and a trickled body, and keeps the last
/// request (headers and body) for assertions. The client code above it (SseParser, translation) is the real one.
/// </summary>
internal sealed class CannedHandler(HttpStatusCode status, byte[] body, StepClock clock, Action<HttpResponseMessage>? configure = null) : HttpMessageHandler
{
    public CannedHandler(HttpStatusCode status, string body, StepClock clock, Action<HttpResponseMessage>? configure = null)
        : this(status, System.Text.Encoding.UTF8.GetBytes(body), clock, configure)
    {
    }

    public HttpRequestMessage? LastRequest { get; private set; }
    public string? LastBody { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LastRequest = request;
        LastBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var response = new HttpResponseMessage(status)
        {
            Content = new StreamContent(new TrickleStream(body, clock), bufferSize: 1),
            RequestMessage = request,
        };
        configure?.Invoke(response);
        return response;
    }
}
