using TokenClock.Core.Backends;

namespace TokenClock.Core.Http;

/// <summary>
/// Kind <c>anthropic</c>: <c>POST {base_url}/v1/messages</c> (default https://api.anthropic.com) with
/// <c>x-api-key</c> (ANTHROPIC_API_KEY or api_key_env) and <c>anthropic-version</c> (default 2023-06-01).
/// </summary>
internal sealed class AnthropicBackendFactory : HttpBackendFactoryBase
{
    public const string DefaultBaseUrl = "https://api.anthropic.com";
    public const string DefaultVersion = "2023-06-01";

    public override string Kind => "anthropic";

    // The Messages API has no seed and no engine extensions.
    public override IReadOnlyList<string> UnsentRequestFields(BackendOptions options) => ["min_tokens", "ignore_eos", "seed"];

    protected override Func<IBackend>? Plan(BackendOptions o, List<string> errors)
    {
        HttpBackendOptions.CheckCommon(o, errors);
        var baseUri = HttpBackendOptions.ParseBaseUrl(o.BaseUrl ?? DefaultBaseUrl, Kind, DefaultBaseUrl, errors);
        var key = HttpBackendOptions.ResolveKey(o, "ANTHROPIC_API_KEY", baseUri, required: true, errors);
        var version = string.IsNullOrWhiteSpace(o.ApiVersion) ? DefaultVersion : o.ApiVersion.Trim();
        var extraBody = HttpBackendOptions.ReadExtraBody(o, AnthropicProtocol.OwnedFields, errors);
        if (baseUri is null || errors.Count > 0) return null;
        // Accept base URLs given with or without the /v1 suffix.
        var root = HttpBackendOptions.Trimmed(baseUri);
        var uri = new Uri(root.EndsWith("/v1", StringComparison.Ordinal) ? root + "/messages" : root + "/v1/messages");
        return () => new AnthropicBackend(
            Describe(o, Kind, baseUri),
            new HttpBackendEndpoint(uri, o.Timeout ?? HttpBackendOptions.DefaultTimeout, key is null ? null : "x-api-key", key,
                [new("anthropic-version", version)]) { ConnectTimeout = HttpBackendOptions.Connect(o), ExtraBody = extraBody });
    }
}
