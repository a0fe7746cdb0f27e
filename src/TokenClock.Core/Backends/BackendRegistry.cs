namespace TokenClock.Core.Backends;

/// <summary>Kind name to factory. Edge projects (local models) add their own factories.</summary>
public sealed class BackendRegistry
{
    private readonly Dictionary<string, IBackendFactory> _factories = new(StringComparer.OrdinalIgnoreCase);

    public BackendRegistry Add(IBackendFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factories[factory.Kind] = factory;
        return this;
    }

    public IReadOnlyCollection<string> Kinds => _factories.Keys.Order(StringComparer.Ordinal).ToArray();

    public IBackendFactory Get(string kind) =>
        _factories.TryGetValue(kind, out var factory)
            ? factory
            : throw new ArgumentException(
                $"Unknown backend kind '{kind}'. Valid kinds: {string.Join(", ", Kinds)}.", nameof(kind));

    public IReadOnlyList<string> Validate(BackendOptions options) =>
        _factories.TryGetValue(options.Kind, out var factory)
            ? factory.Validate(options)
            : [$"backend kind '{options.Kind}' is unknown; valid kinds: {string.Join(", ", Kinds)}"];

    public IBackend Create(BackendOptions options) => Get(options.Kind).Create(options);

    /// <summary>See <see cref="IBackendFactory.UnsentRequestFields"/>; empty for an unknown kind (reported elsewhere).</summary>
    public IReadOnlyList<string> UnsentRequestFields(BackendOptions options) =>
        _factories.TryGetValue(options.Kind, out var factory) ? factory.UnsentRequestFields(options) : [];
}
