using TokenClock.Core.Workloads;
using TokenClock.Workloads.Generators;
using TokenClock.Workloads.Tokenizers;

namespace TokenClock.Cli.Infrastructure;

/// <summary>Plugs the workloads library (summarize, synthetic) into the run engine's workload registry.</summary>
internal sealed class LibraryWorkloadFactory(string name, TokenizerResolver tokenizers) : IWorkloadFactory
{
    public string Name => name;

    public IReadOnlyList<string> Validate(WorkloadOptions options) => WorkloadOptionParser.Validate(name, options.Options);

    public IRequestSource Create(WorkloadOptions options)
    {
        var parsed = WorkloadOptionParser.Parse(name, options.Options, options.MaxTokens, tokenizers);
        var creation = WorkloadFactory.Create(parsed);
        foreach (var warning in creation.Warnings)
            Console.Error.WriteLine($"warning: {warning}");
        return creation.Source;
    }
}
