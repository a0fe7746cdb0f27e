using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using TokenClock.Core.Backends;
using TokenClock.Core.Security;

namespace TokenClock.Core.Http;

/// <summary>Classifies HTTP failures into <see cref="StreamFailed"/> events with readable, secret-free messages.</summary>
internal static class HttpFailures
{
    private const int MaxErrorBodyBytes = 64 * 1024;
    private const int MaxMessageChars = 500;

    /// <summary>
    /// Maps an exception thrown while sending or reading. Only call when the caller's own token is not cancelled:
    /// a cancellation then means our per-request timeout fired.
    /// </summary>
    public static StreamFailed FromException(Exception ex, long timestamp, TimeSpan timeout)
    {
        var failed = Classify(ex, timestamp, timeout);
        return failed with { Message = SecretRedactor.Redact(failed.Message) };
    }

    private static StreamFailed Classify(Exception ex, long timestamp, TimeSpan timeout) => ex switch
    {
        _ when Find<ConnectTimeoutException>(ex) is { } c => new(timestamp, ErrorClass.TimeoutConnect, c.Message),
        OperationCanceledException or TimeoutException =>
            new(timestamp, ErrorClass.Timeout, $"no complete response within the {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s request timeout"),
        JsonException j => new(timestamp, ErrorClass.MalformedStream, $"invalid JSON in a stream event: {j.Message}"),
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } h =>
            new(timestamp, ErrorClass.Disconnect, $"could not connect: {h.Message}"),
        HttpRequestException or IOException =>
            new(timestamp, ErrorClass.Disconnect, $"connection closed before the response completed: {ex.Message}"),
        FormatException f => new(timestamp, ErrorClass.MalformedStream, $"malformed stream: {f.Message}"),
        _ => new(timestamp, ErrorClass.Other, $"{ex.GetType().Name}: {ex.Message}"),
    };

    private static T? Find<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is T t) return t;
        return null;
    }

    /// <summary>Reads (a bounded part of) an error body and classifies a non-success status.</summary>
    public static async Task<StreamFailed> FromStatusAsync(
        HttpResponseMessage response, TimeProvider time, CancellationToken timeoutToken, CancellationToken userToken)
    {
        var status = (int)response.StatusCode;
        string? detail = null;
        try
        {
            var bytes = await ReadBoundedAsync(response, timeoutToken).ConfigureAwait(false);
            detail = ProviderMessage(bytes);
        }
        catch (Exception) when (!userToken.IsCancellationRequested)
        {
            // The status alone still classifies the failure; the body is a courtesy.
        }
        var reason = response.ReasonPhrase ?? response.StatusCode.ToString();
        // A server may echo our request (and so our key) in its error body: scrub before anyone sees it.
        var message = SecretRedactor.Redact(detail is null ? $"HTTP {status} {reason}" : $"HTTP {status} {reason}: {detail}");
        var ts = time.GetTimestamp();
        return response.StatusCode == HttpStatusCode.TooManyRequests
            ? new StreamFailed(ts, ErrorClass.RateLimited, message, status, RetryAfter(response, time))
            : new StreamFailed(ts, ErrorClass.HttpStatus, message, status, RetryAfter(response, time));
    }

    /// <summary>Provider rate-limit hints: OpenAI's retry-after-ms, else the standard Retry-After header.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var ms)
            && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m >= 0)
            return TimeSpan.FromMilliseconds(m);
        var ra = response.Headers.RetryAfter;
        if (ra?.Delta is { } delta) return delta;
        if (ra?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using var _ = body.ConfigureAwait(false);
        var buffer = new byte[MaxErrorBodyBytes];
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await body.ReadAsync(buffer.AsMemory(total), ct).ConfigureAwait(false);
            if (n == 0) break;
            total += n;
        }
        return buffer.AsSpan(0, total).ToArray();
    }

    /// <summary>
    /// The provider's own message: OpenAI/Azure/Anthropic <c>{"error":{"message":...}}</c>, then a few common
    /// shapes (<c>message</c>, <c>detail</c>, a string <c>error</c>), else the raw text, shortened.
    /// </summary>
    internal static string? ProviderMessage(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return null;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("error", out var error))
                {
                    if (error.ValueKind == JsonValueKind.String) return Shorten(error.GetString());
                    if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                        return Shorten(m.GetString());
                }
                foreach (var name in (ReadOnlySpan<string>)["message", "detail"])
                    if (root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String)
                        return Shorten(v.GetString());
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page from a proxy, plain text): fall through to the raw text.
        }
        if (ServerText.LooksBinary(body))
            return string.Create(CultureInfo.InvariantCulture, $"a binary body ({body.Length} bytes, not shown)");
        return Shorten(Encoding.UTF8.GetString(body));
    }

    // Server text is cleaned before anyone prints or stores it: no terminal escapes, one line, bounded.
    private static string? Shorten(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        // Redact before cutting, so a key split by the cut cannot leave its first half behind.
        return ServerText.Clean(SecretRedactor.Redact(text), MaxMessageChars);
    }

    /// <summary>
    /// A 2xx answer that is not an event stream (a JSON completion from a server that ignored "stream": true, an
    /// HTML page from a proxy or login portal): says what arrived instead of "connection closed mid-stream".
    /// </summary>
    public static async Task<StreamFailed?> NotAStreamAsync(HttpResponseMessage response, TimeProvider time, CancellationToken timeoutToken, CancellationToken userToken)
    {
        var type = response.Content.Headers.ContentType?.MediaType;
        if (type is null || !IsNotAStream(type)) return null;
        string shown;
        try
        {
            var bytes = await ReadBoundedAsync(response, timeoutToken).ConfigureAwait(false);
            shown = bytes.Length == 0 ? "an empty body"
                : ServerText.LooksBinary(bytes) ? string.Create(CultureInfo.InvariantCulture, $"{bytes.Length}+ bytes of binary data")
                : $"body starting '{SecretRedactor.Redact(ServerText.Clean(bytes, 120))}'";
        }
        catch (Exception) when (!userToken.IsCancellationRequested)
        {
            shown = "a body that could not be read";
        }
        var hint = type.Contains("json", StringComparison.OrdinalIgnoreCase)
            ? "the server answered without streaming; check that the endpoint supports \"stream\": true (or use a streaming endpoint)"
            : "something other than the model server answered (a proxy, login page or a wrong base_url?)";
        return new StreamFailed(time.GetTimestamp(), ErrorClass.MalformedStream,
            $"HTTP {(int)response.StatusCode} with Content-Type '{ServerText.Clean(type, 80)}' instead of a text/event-stream stream: {shown}. {hint}",
            (int)response.StatusCode);
    }

    private static bool IsNotAStream(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("text/xml", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase)
        || mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="ex"/> is HttpClient's "error while copying content": the body was cut off mid-send.</summary>
    public static bool IsUploadCut(Exception ex) =>
        ex is HttpRequestException { InnerException: IOException } h && h.Message.Contains("copying content", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The server closed the connection while the request body was still being sent: usually it refused the size
    /// (HTTP 413) and hung up. HttpClient only says "Error while copying content to a stream".
    /// </summary>
    public static StreamFailed? UploadCut(Exception ex, long timestamp, long? bodyBytes)
    {
        if (!IsUploadCut(ex)) return null;
        var size = bodyBytes is { } n ? string.Create(CultureInfo.InvariantCulture, $" ({n} bytes)") : "";
        return new StreamFailed(timestamp, ErrorClass.Disconnect,
            $"the server closed the connection while the request body{size} was being sent; it most likely refused a body this large (HTTP 413 Payload Too Large). Send a shorter prompt, or raise the server's request size limit");
    }
}
