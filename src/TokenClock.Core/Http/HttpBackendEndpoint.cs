using System.Net.Http;
using TokenClock.Core.Security;

namespace TokenClock.Core.Http;

/// <summary>
/// Where and how a backend posts: the full request URI, the auth header and the per-request timeout.
/// The key lives only here, is sent as a header, and is never printed (ToString shows the URI only).
/// </summary>
public sealed class HttpBackendEndpoint
{
    private readonly string? _authHeader;
    private readonly string? _authValue;
    private readonly KeyValuePair<string, string>[] _headers;

    public HttpBackendEndpoint(
        Uri uri,
        TimeSpan timeout,
        string? authHeader = null,
        string? authValue = null,
        IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "timeout must be positive");
        Uri = uri;
        Timeout = timeout;
        _authHeader = authHeader;
        _authValue = authValue;
        _headers = headers?.ToArray() ?? [];
        // Whatever a server echoes back of these values is masked wherever it would be printed or stored.
        if (authValue is not null) SecretRedactor.Register(authValue);
        foreach (var (name, value) in _headers)
            if (SecretRedactor.IsCredentialHeader(name)) SecretRedactor.Register(value);
    }

    public Uri Uri { get; }

    public TimeSpan Timeout { get; }

    /// <summary>TCP connect limit (class timeout_connect).</summary>
    public TimeSpan ConnectTimeout { get; init; } = Timing.RequestLimits.DefaultConnect;

    /// <summary>
    /// Fields added to every request body (the backend setting <c>extra_body</c>), for server options TokenClock has
    /// no setting of its own for (e.g. llama.cpp's per-request <c>logit_bias</c>); never a field the protocol sets.
    /// </summary>
    public IReadOnlyDictionary<string, System.Text.Json.JsonElement>? ExtraBody { get; init; }

    public bool HasCredential => _authValue is not null;

    internal void ApplyHeaders(HttpRequestMessage message)
    {
        message.Options.Set(HttpBackendClient.ConnectLimit, ConnectTimeout);
        if (_authHeader is not null && _authValue is not null)
            message.Headers.TryAddWithoutValidation(_authHeader, _authValue);
        foreach (var (name, value) in _headers)
            message.Headers.TryAddWithoutValidation(name, value);
    }

    public override string ToString() => Uri.GetLeftPart(UriPartial.Path);
}
