namespace TokenClock.Core.Backends;

/// <summary>Kind name to factory. Edge projects (local models) add their own factories.</summary>
public sealed class BackendRegistry
{
    private readonly Dictionary<string, IBackendFactory> _factories = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers a factory under its <see cref="IBackendFactory.Kind"/>, replacing one of the same kind; returns this registry for chaining.</summary>
    public BackendRegistry Add(IBackendFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factories[factory.Kind] = factory;
        return this;
    }

    /// <summary>The registered kind names, in ordinal order.</summary>
    public IReadOnlyCollection<string> Kinds => _factories.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The factory for a kind (case-insensitive); throws <see cref="ArgumentException"/> listing the valid kinds when none is registered.</summary>
    public IBackendFactory Get(string kind) =>
        _factories.TryGetValue(kind, out var factory)
            ? factory
            : throw new ArgumentException(
                $"Unknown backend kind '{kind}'. Valid kinds: {string.Join(", ", Kinds)}.", nameof(kind));

    /// <summary>Checks options without sending anything; returns the problems as messages (empty when valid), including an unknown kind.</summary>
    public IReadOnlyList<string> Validate(BackendOptions options) =>
        _factories.TryGetValue(options.Kind, out var factory)
            ? factory.Validate(options)
            : [$"backend kind '{options.Kind}' is unknown; valid kinds: {string.Join(", ", Kinds)}"];

    /// <summary>Builds a backend with the factory registered for <see cref="BackendOptions.Kind"/>; throws <see cref="ArgumentException"/> for an unknown kind.</summary>
    public IBackend Create(BackendOptions options) => Get(options.Kind).Create(options);

    /// <summary>See <see cref="IBackendFactory.UnsentRequestFields"/>; empty for an unknown kind (reported elsewhere).</summary>
    public IReadOnlyList<string> UnsentRequestFields(BackendOptions options) =>
        _factories.TryGetValue(options.Kind, out var factory) ? factory.UnsentRequestFields(options) : [];
}
