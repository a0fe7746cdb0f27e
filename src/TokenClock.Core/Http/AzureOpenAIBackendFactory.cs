using TokenClock.Core.Backends;

namespace TokenClock.Core.Http;

/// <summary>
/// Kind <c>azure-openai</c>: <c>{endpoint}/openai/deployments/{deployment}/chat/completions?api-version=...</c>
/// with the <c>api-key</c> header (AZURE_OPENAI_API_KEY or api_key_env). The deployment defaults to the model.
/// </summary>
internal sealed class AzureOpenAIBackendFactory : HttpBackendFactoryBase
{
    public const string DefaultApiVersion = "2024-10-21";

    public override string Kind => "azure-openai";

    protected override Func<IBackend>? Plan(BackendOptions o, List<string> errors)
    {
        HttpBackendOptions.CheckCommon(o, errors);
        var baseUri = HttpBackendOptions.ParseBaseUrl(o.BaseUrl, Kind, "https://my-resource.openai.azure.com", errors);
        var key = HttpBackendOptions.ResolveKey(o, "AZURE_OPENAI_API_KEY", baseUri, required: true, errors);
        var deployment = string.IsNullOrWhiteSpace(o.Deployment) ? o.Model : o.Deployment.Trim();
        var version = string.IsNullOrWhiteSpace(o.ApiVersion) ? DefaultApiVersion : o.ApiVersion.Trim();
        var maxCompletion = HttpBackendOptions.UseMaxCompletionTokens(o, fallback: true, errors);
        var extensions = HttpBackendOptions.ReadBool(o, "engine_extensions", EngineExtensionsByDefault, errors);
        var extraBody = HttpBackendOptions.ReadExtraBody(o, OpenAIChatProtocol.OwnedFields, errors);
        if (baseUri is null || errors.Count > 0) return null;
        var uri = new Uri(
            $"{HttpBackendOptions.Trimmed(baseUri)}/openai/deployments/{Uri.EscapeDataString(deployment)}/chat/completions?api-version={Uri.EscapeDataString(version)}");
        return () => new OpenAIChatBackend(
            Describe(o, Kind, baseUri),
            new HttpBackendEndpoint(uri, o.Timeout ?? HttpBackendOptions.DefaultTimeout, key is null ? null : "api-key", key) { ConnectTimeout = HttpBackendOptions.Connect(o), ExtraBody = extraBody },
            maxCompletion,
            extensions);
    }
}
