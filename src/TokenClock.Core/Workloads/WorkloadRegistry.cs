using TokenClock.Core.Backends;

namespace TokenClock.Core.Workloads;

/// <summary>Workload name to factory. The CLI builds one in one place; other areas add their factories there.</summary>
public sealed class WorkloadRegistry
{
    private readonly Dictionary<string, IWorkloadFactory> _factories = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A registry holding the built-in <c>prompt</c> workload.</summary>
    public static WorkloadRegistry CreateDefault() => new WorkloadRegistry().Add(new PromptWorkloadFactory());

    /// <summary>Registers a factory under its name, replacing one of the same name; returns this registry for chaining.</summary>
    public WorkloadRegistry Add(IWorkloadFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factories[factory.Name] = factory;
        return this;
    }

    /// <summary>The registered workload names, in ordinal order.</summary>
    public IReadOnlyCollection<string> Names => _factories.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Whether a workload of that name is registered (case-insensitive).</summary>
    public bool Contains(string name) => _factories.ContainsKey(name);

    /// <summary>The factory of a workload (case-insensitive); throws <see cref="ArgumentException"/> listing the valid names when none is registered.</summary>
    public IWorkloadFactory Get(string name) =>
        _factories.TryGetValue(name, out var factory)
            ? factory
            : throw new ArgumentException($"Unknown workload '{name}'. Valid workloads: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>Makes the request source of workload <paramref name="name"/> for one backend; throws <see cref="ArgumentException"/> for an unknown name.</summary>
    public IRequestSource Create(string name, WorkloadOptions options, BackendOptions backend) => Get(name).Create(options, backend);
}
