using TokenClock.Core.Backends;

namespace TokenClock.Core.Http;

/// <summary>
/// Kind <c>openai-completions</c>: a server speaking the Completions API at <c>{base_url}/completions</c> (vLLM,
/// llama.cpp's server, TGI). Keys as for openai-compatible: sent only when <c>api_key_env</c> names one.
/// </summary>
internal sealed class OpenAICompletionsBackendFactory : HttpBackendFactoryBase
{
    public override string Kind => "openai-completions";

    protected override bool EngineExtensionsByDefault => true;

    protected override Func<IBackend>? Plan(BackendOptions o, List<string> errors)
    {
        HttpBackendOptions.CheckCommon(o, errors);
        var baseUri = HttpBackendOptions.ParseBaseUrl(o.BaseUrl, Kind, "http://127.0.0.1:8089/v1", errors);
        var key = HttpBackendOptions.ResolveKey(o, defaultEnv: null, baseUri, required: true, errors);
        if (o.Settings.TryGetValue("max_tokens_field", out var field) && field != "max_tokens")
            errors.Add($"setting max_tokens_field '{field}' cannot take effect: the Completions API has only max_tokens; remove the setting");
        var extensions = HttpBackendOptions.ReadBool(o, "engine_extensions", EngineExtensionsByDefault, errors);
        var extraBody = HttpBackendOptions.ReadExtraBody(o, OpenAICompletionsProtocol.OwnedFields, errors);
        if (baseUri is null || errors.Count > 0) return null;
        var uri = new Uri(HttpBackendOptions.Trimmed(baseUri) + "/completions");
        return () => new OpenAICompletionsBackend(
            Describe(o, Kind, baseUri),
            new HttpBackendEndpoint(uri, o.Timeout ?? HttpBackendOptions.DefaultTimeout, key is null ? null : "Authorization", key is null ? null : "Bearer " + key) { ConnectTimeout = HttpBackendOptions.Connect(o), ExtraBody = extraBody },
            extensions);
    }
}
