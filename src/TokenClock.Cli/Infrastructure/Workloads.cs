using TokenClock.Workloads.Datasets;
using TokenClock.Workloads.Generators;
using TokenClock.Core.Workloads;

namespace TokenClock.Cli.Infrastructure;

/// <summary>The one place where the CLI's workloads are registered (one line per area).</summary>
public static class CliWorkloads
{
    /// <param name="warnings">Where workload warnings go (a command's stderr, through the registrar).</param>
    public static WorkloadRegistry CreateRegistry(TextWriter warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var registry = WorkloadRegistry.CreateDefault(); // "prompt"
        var tokenizers = CliTokenizers.Resolver;
        registry.Add(GeneratorWorkload.Summarize(tokenizers, warning => warnings.WriteLine($"warning: {warning}")));
        registry.Add(GeneratorWorkload.Synthetic(tokenizers));
        registry.Add(new DatasetWorkload(tokenizers));
        return registry;
    }
}
