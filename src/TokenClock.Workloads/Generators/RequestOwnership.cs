using System.Globalization;
using TokenClock.Core.Settings;
using TokenClock.Core.Workloads;
using TokenClock.Workloads.Prompts;

namespace TokenClock.Workloads.Generators;

/// <summary>
/// Which request fields a generator workload owns, and the conflicts between an owned field and an explicit
/// setting. Each problem is keyed by the explicit field and names the owning field by key (a front end names both).
/// </summary>
internal static class RequestOwnership
{
    private const string PromptTokens = "workload_options.prompt_tokens";
    private const string LengthControlKey = "workload_options.length_control";
    private const string SummaryWords = "workload_options.summary_words";

    public static IEnumerable<SettingProblem> Problems(GeneratorOptions o)
    {
        var request = o.Request;
        var synthetic = o.Name.Equals(WorkloadFactory.Synthetic, StringComparison.OrdinalIgnoreCase);
        if (request.Prompt is not null)
        {
            yield return synthetic
                ? SettingProblem.Field("prompt", n => $"the synthetic workload writes its own prompts of exactly {n(PromptTokens)} tokens; give one of them (a fixed prompt is workload prompt)")
                : SettingProblem.Field("prompt", n => $"the summarize workload ({n("workload")}) builds its prompts from the corpus documents; drop the prompt, or give workload prompt to send a fixed one");
        }

        var control = o.LengthControl;
        if (request.IgnoreEos && control is { } c && c != LengthControl.IgnoreEos)
            yield return SettingProblem.Field("ignore_eos", n => $"conflicts with {n(LengthControlKey)} ({c.ToName()}); give one of them");

        if (synthetic)
        {
            if (request.MinTokens is not null && control is { } sc)
                yield return SettingProblem.Field("min_tokens", n => $"conflicts with {n(LengthControlKey)} ({sc.ToName()}), which sets min_tokens itself; give one of them");
            if (request.MaxTokens is not null && o.OutputLengths is not null)
                yield return SettingProblem.Field("max_tokens", n => $"conflicts with {n("workload_options.output_tokens_dist")}, which draws max_tokens for each request; give one of them");
            if (PromptWorkloadFactory.MinTokensProblem(request) is { } problem) yield return problem;
            yield break;
        }

        if (request.MinTokens is not null)
            yield return SettingProblem.Field("min_tokens", n => $"the summarize workload sets min_tokens from {n(SummaryWords)} (90% of each target under length_control min-tokens); drop it, or choose {n(LengthControlKey)}");
        if (request.MaxTokens is { } cap && o.SummaryWords.Count > 0)
        {
            var words = o.SummaryWords.Max();
            var needed = SummaryPrompts.TargetTokens(words);
            if (cap < needed)
                yield return SettingProblem.Field("max_tokens", n => string.Create(CultureInfo.InvariantCulture,
                    $"'{cap}' is below the {needed} tokens a {words}-word summary needs ({n(SummaryWords)} {words}); for this workload max_tokens caps the output budget, so raise it to at least {needed} or lower the summary lengths"));
        }
    }

    /// <summary>Throws the problems (creation after a skipped validation must not send a wrong request).</summary>
    public static void ThrowIfAny(GeneratorOptions o)
    {
        var problems = Problems(o).ToArray();
        if (problems.Length > 0) throw new SettingException(problems);
    }
}
