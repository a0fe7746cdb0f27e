namespace TokenClock.Core.Backends;

/// <summary>
/// How to build a backend, as written in an experiment spec or on the command line.
/// Keys are never stored here: <see cref="ApiKeyEnv"/> names the environment variable that holds one.
/// </summary>
public sealed record BackendOptions
{
    /// <summary>The backend kind, a registered factory's <see cref="IBackendFactory.Kind"/> (e.g. "openai-compatible"); matched case-insensitively.</summary>
    public required string Kind { get; init; }
    /// <summary>The model the backend asks for (the provider's model id, or a local model file).</summary>
    public required string Model { get; init; }
    /// <summary>The series label the user gave; null means <see cref="DisplayName"/> falls back to kind/model.</summary>
    public string? Name { get; init; }
    /// <summary>The server's base URL for HTTP backends; null uses the public default of kinds that have one (openai, anthropic) and is refused by the others.</summary>
    public string? BaseUrl { get; init; }
    /// <summary>The name of the environment variable that holds the API key (never the key itself); null means the kind's default variable.</summary>
    public string? ApiKeyEnv { get; init; }
    /// <summary>Azure OpenAI: deployment name (defaults to <see cref="Model"/>).</summary>
    public string? Deployment { get; init; }
    /// <summary>Azure OpenAI api-version, Anthropic anthropic-version.</summary>
    public string? ApiVersion { get; init; }
    /// <summary>Per-request timeout; null means the backend default.</summary>
    public TimeSpan? Timeout { get; init; }
    /// <summary>TCP connect limit for HTTP backends; null means <see cref="Timing.RequestLimits.DefaultConnect"/>.</summary>
    public TimeSpan? ConnectTimeout { get; init; }
    /// <summary>Backend-specific settings (e.g. threads, context for local models).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The label that identifies this backend in records and reports: <see cref="Name"/>, or "kind/model" when none was given.</summary>
    public string DisplayName => Name ?? $"{Kind}/{Model}";
}
