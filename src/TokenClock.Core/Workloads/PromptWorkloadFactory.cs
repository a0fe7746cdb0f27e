using System.Globalization;
using TokenClock.Core.Backends;
using TokenClock.Core.Settings;

namespace TokenClock.Core.Workloads;

/// <summary>The <c>prompt</c> workload: the same prompt for every request (<see cref="FixedPromptSource"/>). It owns no field.</summary>
public sealed class PromptWorkloadFactory : IWorkloadFactory
{
    /// <inheritdoc/>
    public string Name => "prompt";

    /// <inheritdoc/>
    public IReadOnlyList<SettingProblem> Validate(WorkloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<SettingProblem>();
        if (string.IsNullOrWhiteSpace(options.Prompt))
            problems.Add(SettingProblem.Field("prompt", n => $"the prompt workload needs a prompt; give {n("prompt")} TEXT"));
        foreach (var key in options.Options.Keys)
            problems.Add(SettingProblem.Field($"workload_options.{key}", $"'{key}' is not an option of the prompt workload; it takes none"));
        if (MinTokensProblem(options) is { } problem) problems.Add(problem);
        return problems;
    }

    /// <inheritdoc/>
    public IRequestSource Create(WorkloadOptions options, BackendOptions backend)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FixedPromptSource(options.ToRequest(
            options.Prompt ?? throw new ArgumentException("the prompt workload needs a prompt", nameof(options))));
    }

    /// <summary>min_tokens above the max_tokens that will be sent (given, or the default).</summary>
    public static SettingProblem? MinTokensProblem(WorkloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var max = options.MaxTokens ?? WorkloadOptions.DefaultMaxTokens;
        var min = options.MinTokens;
        return min > max
            ? SettingProblem.Field("min_tokens", n => string.Create(CultureInfo.InvariantCulture, $"'{min}' is more than {n("max_tokens")} ({max}); allowed: 0 to max_tokens"))
            : null;
    }
}
