using TokenClock.Core.Backends;

namespace TokenClock.Core.Http;

/// <summary>
/// Validation and creation share one plan: <see cref="Plan"/> checks the options and returns a builder that is
/// only run by <see cref="Create"/>, so Validate never sends or allocates anything heavy.
/// </summary>
internal abstract class HttpBackendFactoryBase : IBackendFactory
{
    public abstract string Kind { get; }

    protected abstract Func<IBackend>? Plan(BackendOptions options, List<string> errors);

    public IReadOnlyList<string> Validate(BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Plan(options, errors);
        return errors;
    }

    public IBackend Create(BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var build = Plan(options, errors);
        if (errors.Count > 0 || build is null)
            throw new ArgumentException($"backend '{options.DisplayName}' (kind {Kind}): {string.Join("; ", errors)}", nameof(options));
        return build();
    }

    /// <summary>Whether min_tokens/ignore_eos (vLLM, llama.cpp extensions) are sent when <c>engine_extensions</c> is not set.</summary>
    protected virtual bool EngineExtensionsByDefault => false;

    public virtual IReadOnlyList<string> UnsentRequestFields(BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return HttpBackendOptions.ReadBool(options, "engine_extensions", EngineExtensionsByDefault, []) ? [] : ["min_tokens", "ignore_eos"];
    }

    protected static BackendDescriptor Describe(BackendOptions o, string kind, Uri endpoint) =>
        new(o.DisplayName, kind, o.Model, HttpBackendOptions.Trimmed(endpoint));
}
