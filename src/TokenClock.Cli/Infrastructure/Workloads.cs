using TokenClock.Core.Workloads;

namespace TokenClock.Cli.Infrastructure;

/// <summary>The one place where the CLI's workloads are registered (one line per area).</summary>
public static class CliWorkloads
{
    public static WorkloadRegistry CreateRegistry()
    {
        var registry = WorkloadRegistry.CreateDefault(); // "prompt"
        // Workloads area: registry.Add(new SummarizeWorkloadFactory()); registry.Add(new SyntheticWorkloadFactory());
        return registry;
    }
}
