namespace TokenClock.Core.Backends;

/// <summary>
/// How to build a backend, as written in an experiment spec or on the command line.
/// Keys are never stored here: <see cref="ApiKeyEnv"/> names the environment variable that holds one.
/// </summary>
public sealed record BackendOptions
{
    public required string Kind { get; init; }
    public required string Model { get; init; }
    public string? Name { get; init; }
    public string? BaseUrl { get; init; }
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

    public string DisplayName => Name ?? $"{Kind}/{Model}";
}
