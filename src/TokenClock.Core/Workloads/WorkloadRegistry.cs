using TokenClock.Core.Backends;

namespace TokenClock.Core.Workloads;

/// <summary>Workload name to factory. The CLI builds one in one place; other areas add their factories there.</summary>
public sealed class WorkloadRegistry
{
    private readonly Dictionary<string, IWorkloadFactory> _factories = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A registry holding the built-in <c>prompt</c> workload.</summary>
    public static WorkloadRegistry CreateDefault() => new WorkloadRegistry().Add(new PromptWorkloadFactory());

    public WorkloadRegistry Add(IWorkloadFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factories[factory.Name] = factory;
        return this;
    }

    public IReadOnlyCollection<string> Names => _factories.Keys.Order(StringComparer.Ordinal).ToArray();

    public bool Contains(string name) => _factories.ContainsKey(name);

    public IWorkloadFactory Get(string name) =>
        _factories.TryGetValue(name, out var factory)
            ? factory
            : throw new ArgumentException($"Unknown workload '{name}'. Valid workloads: {string.Join(", ", Names)}.", nameof(name));

    public IRequestSource Create(string name, WorkloadOptions options, BackendOptions backend) => Get(name).Create(options, backend);
}
