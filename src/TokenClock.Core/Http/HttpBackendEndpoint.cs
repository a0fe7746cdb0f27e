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

    /// <summary>An endpoint that posts to <paramref name="uri"/>; the credential and credential-like headers are registered with <see cref="SecretRedactor"/> so they are masked wherever printed.</summary>
    /// <param name="uri">The full request URI (base URL plus the protocol's path).</param>
    /// <param name="timeout">The total per-request limit; must be positive.</param>
    /// <param name="authHeader">The auth header's name (e.g. Authorization, api-key, x-api-key); null sends none.</param>
    /// <param name="authValue">The auth header's value (the key, with any scheme prefix); null sends none.</param>
    /// <param name="headers">Extra headers sent with every request.</param>
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

    /// <summary>The full request URI posted to.</summary>
    public Uri Uri { get; }

    /// <summary>The total limit for one request, from send to the stream's end (class timeout).</summary>
    public TimeSpan Timeout { get; }

    /// <summary>TCP connect limit (class timeout_connect).</summary>
    public TimeSpan ConnectTimeout { get; init; } = Timing.RequestLimits.DefaultConnect;

    /// <summary>
    /// Fields added to every request body (the backend setting <c>extra_body</c>), for server options TokenClock has
    /// no setting of its own for (e.g. llama.cpp's per-request <c>logit_bias</c>); never a field the protocol sets.
    /// </summary>
    public IReadOnlyDictionary<string, System.Text.Json.JsonElement>? ExtraBody { get; init; }

    /// <summary>True when the endpoint carries an auth value (a key was found).</summary>
    public bool HasCredential => _authValue is not null;

    internal void ApplyHeaders(HttpRequestMessage message)
    {
        message.Options.Set(HttpBackendClient.ConnectLimit, ConnectTimeout);
        if (_authHeader is not null && _authValue is not null)
            message.Headers.TryAddWithoutValidation(_authHeader, _authValue);
        foreach (var (name, value) in _headers)
            message.Headers.TryAddWithoutValidation(name, value);
    }

    /// <summary>The URI without its query or fragment, where a key could be carried.</summary>
    public override string ToString() => Uri.GetLeftPart(UriPartial.Path);
}
