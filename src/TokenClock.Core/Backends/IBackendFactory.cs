namespace TokenClock.Core.Backends;

/// <summary>Creates backends of one kind. Registered in a <see cref="BackendRegistry"/>.</summary>
public interface IBackendFactory
{
    /// <summary>The spec's <c>kind</c> value, e.g. "openai-compatible".</summary>
    string Kind { get; }

    /// <summary>Checks options without sending anything; returns problems as messages (empty when valid).</summary>
    IReadOnlyList<string> Validate(BackendOptions options);

    IBackend Create(BackendOptions options);
}
