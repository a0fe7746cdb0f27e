using TokenClock.Core.Backends;

namespace TokenClock.Core.Http;

/// <summary>Kind <c>openai</c>: api.openai.com (or base_url), key from OPENAI_API_KEY or api_key_env.</summary>
internal sealed class OpenAIBackendFactory : HttpBackendFactoryBase
{
    public const string DefaultBaseUrl = "https://api.openai.com/v1";

    public override string Kind => "openai";

    protected override Func<IBackend>? Plan(BackendOptions o, List<string> errors)
    {
        HttpBackendOptions.CheckCommon(o, errors);
        var baseUri = HttpBackendOptions.ParseBaseUrl(o.BaseUrl ?? DefaultBaseUrl, Kind, DefaultBaseUrl, errors);
        var key = HttpBackendOptions.ResolveKey(o, "OPENAI_API_KEY", baseUri, required: true, errors);
        var maxCompletion = HttpBackendOptions.UseMaxCompletionTokens(o, fallback: true, errors);
        var extensions = HttpBackendOptions.ReadBool(o, "engine_extensions", EngineExtensionsByDefault, errors);
        var extraBody = HttpBackendOptions.ReadExtraBody(o, OpenAIChatProtocol.OwnedFields, errors);
        if (baseUri is null || errors.Count > 0) return null;
        var uri = new Uri(HttpBackendOptions.Trimmed(baseUri) + "/chat/completions");
        return () => new OpenAIChatBackend(
            Describe(o, Kind, baseUri),
            new HttpBackendEndpoint(uri, o.Timeout ?? HttpBackendOptions.DefaultTimeout, key is null ? null : "Authorization", key is null ? null : "Bearer " + key) { ConnectTimeout = HttpBackendOptions.Connect(o), ExtraBody = extraBody },
            maxCompletion,
            extensions);
    }
}
