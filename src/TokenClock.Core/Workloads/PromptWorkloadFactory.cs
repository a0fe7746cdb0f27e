using System.Globalization;
using TokenClock.Core.Backends;

namespace TokenClock.Core.Workloads;

/// <summary>The <c>prompt</c> workload: the same prompt for every request (<see cref="FixedPromptSource"/>). It owns no field.</summary>
public sealed class PromptWorkloadFactory : IWorkloadFactory
{
    public string Name => "prompt";

    public IReadOnlyList<string> Validate(WorkloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Prompt))
            problems.Add("prompt: the prompt workload needs a prompt; give `prompt: \"...\"` (or --prompt TEXT)");
        foreach (var key in options.Options.Keys)
            problems.Add($"workload_options.{key}: '{key}' is not an option of the prompt workload; it takes none");
        if (MinTokensProblem(options) is { } problem) problems.Add(problem);
        return problems;
    }

    public IRequestSource Create(WorkloadOptions options, BackendOptions backend)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FixedPromptSource(options.ToRequest(
            options.Prompt ?? throw new ArgumentException("the prompt workload needs a prompt", nameof(options))));
    }

    /// <summary>min_tokens above the max_tokens that will be sent (given, or the default).</summary>
    public static string? MinTokensProblem(WorkloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var max = options.MaxTokens ?? WorkloadOptions.DefaultMaxTokens;
        return options.MinTokens > max
            ? string.Create(CultureInfo.InvariantCulture, $"min_tokens: '{options.MinTokens}' is more than `max_tokens` ({max}); allowed: 0 to max_tokens")
            : null;
    }
}
