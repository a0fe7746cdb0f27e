using TokenClock.Core.Backends;

namespace TokenClock.Core.Workloads;

/// <summary>The <c>prompt</c> workload: the same prompt for every request (<see cref="FixedPromptSource"/>).</summary>
public sealed class PromptWorkloadFactory : IWorkloadFactory
{
    public string Name => "prompt";

    public IReadOnlyList<string> Validate(WorkloadOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Prompt))
            problems.Add("prompt: the prompt workload needs a prompt; give `prompt: \"...\"` (or --prompt TEXT)");
        foreach (var key in options.Options.Keys)
            problems.Add($"workload_options.{key}: '{key}' is not an option of the prompt workload; it takes none");
        return problems;
    }

    public IRequestSource Create(WorkloadOptions options) => new FixedPromptSource(new BackendRequest
    {
        Prompt = options.Prompt ?? throw new ArgumentException("the prompt workload needs a prompt", nameof(options)),
        SystemPrompt = options.SystemPrompt,
        MaxTokens = options.MaxTokens,
        Temperature = options.Temperature,
        MinTokens = options.MinTokens,
        IgnoreEos = options.IgnoreEos,
        Seed = options.Seed,
    });
}
