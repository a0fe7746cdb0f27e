using TokenClock.Core.Backends;

namespace TokenClock.Core.Http;

/// <summary>Registers the HTTP backend kinds: openai-compatible, openai-completions, openai, azure-openai, anthropic.</summary>
public static class HttpBackends
{
    /// <summary>Adds the HTTP factories to <paramref name="registry"/> and returns it.</summary>
    public static BackendRegistry Register(BackendRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .Add(new OpenAICompatibleBackendFactory())
            .Add(new OpenAICompletionsBackendFactory())
            .Add(new OpenAIBackendFactory())
            .Add(new AzureOpenAIBackendFactory())
            .Add(new AnthropicBackendFactory());
    }
}
