namespace TokenClock.Core.Backends;

/// <summary>Creates backends of one kind. Registered in a <see cref="BackendRegistry"/>.</summary>
public interface IBackendFactory
{
    /// <summary>The spec's <c>kind</c> value, e.g. "openai-compatible".</summary>
    string Kind { get; }

    /// <summary>Checks options without sending anything; returns problems as messages (empty when valid).</summary>
    IReadOnlyList<string> Validate(BackendOptions options);

    /// <summary>Builds a backend from options; options that <see cref="Validate"/> reports a problem with are refused with an exception.</summary>
    IBackend Create(BackendOptions options);

    /// <summary>
    /// Request fields (spec names: min_tokens, ignore_eos, seed) this kind does not put on the wire with these
    /// options; the spec reader refuses a run that sets one, so no setting is dropped silently.
    /// </summary>
    IReadOnlyList<string> UnsentRequestFields(BackendOptions options) => [];
}
