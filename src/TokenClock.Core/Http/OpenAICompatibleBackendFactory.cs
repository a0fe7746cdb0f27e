using TokenClock.Core.Backends;

namespace TokenClock.Core.Http;

/// <summary>
/// Kind <c>openai-compatible</c>: any server speaking Chat Completions at <c>{base_url}/chat/completions</c>.
/// A key is sent only when <c>api_key_env</c> names one: sending OPENAI_API_KEY to an arbitrary host would leak it.
/// </summary>
internal sealed class OpenAICompatibleBackendFactory : HttpBackendFactoryBase
{
    public override string Kind => "openai-compatible";

    protected override bool EngineExtensionsByDefault => true;

    protected override Func<IBackend>? Plan(BackendOptions o, List<string> errors)
    {
        HttpBackendOptions.CheckCommon(o, errors);
        var baseUri = HttpBackendOptions.ParseBaseUrl(o.BaseUrl, Kind, "http://127.0.0.1:8089/v1", errors);
        var key = HttpBackendOptions.ResolveKey(o, defaultEnv: null, baseUri, required: true, errors);
        var maxCompletion = HttpBackendOptions.UseMaxCompletionTokens(o, fallback: false, errors);
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
