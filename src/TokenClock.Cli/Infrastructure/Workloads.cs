using TokenClock.Workloads.Datasets;
using TokenClock.Workloads.Generators;
using TokenClock.Core.Workloads;

namespace TokenClock.Cli.Infrastructure;

/// <summary>The one place where the CLI's workloads are registered (one line per area).</summary>
public static class CliWorkloads
{
    /// <param name="warnings">Where workload warnings go (a command's stderr, through the registrar).</param>
    /// <param name="tokenizers">The command's tokenizers (shared with its runner); a new set warning on <paramref name="warnings"/> when null.</param>
    public static WorkloadRegistry CreateRegistry(TextWriter warnings, CliTokenizers? tokenizers = null)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var registry = WorkloadRegistry.CreateDefault(); // "prompt"
        var resolver = (tokenizers ?? new CliTokenizers(warnings)).Resolver;
        registry.Add(GeneratorWorkload.Summarize(resolver, warning => warnings.WriteLine($"warning: {warning}")));
        registry.Add(GeneratorWorkload.Synthetic(resolver));
        registry.Add(new DatasetWorkload(resolver));
        return registry;
    }
}
