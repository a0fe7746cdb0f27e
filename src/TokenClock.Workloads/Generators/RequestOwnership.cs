using System.Globalization;
using TokenClock.Core.Workloads;
using TokenClock.Workloads.Prompts;

namespace TokenClock.Workloads.Generators;

/// <summary>
/// Which request fields a generator workload owns, and the conflicts between an owned field and an explicit
/// setting. Problems are "field: message" naming the other field in backticks (the CLI renames both to flags).
/// </summary>
internal static class RequestOwnership
{
    public static IEnumerable<string> Problems(GeneratorOptions o)
    {
        var request = o.Request;
        var synthetic = o.Name.Equals(WorkloadFactory.Synthetic, StringComparison.OrdinalIgnoreCase);
        if (request.Prompt is not null)
        {
            yield return synthetic
                ? "prompt: the synthetic workload writes its own prompts of exactly `workload_options.prompt_tokens` tokens; give one of them (a fixed prompt is workload prompt)"
                : "prompt: the summarize workload (`workload`) builds its prompts from the corpus documents; drop the prompt, or give workload prompt to send a fixed one";
        }

        var control = o.LengthControl;
        if (request.IgnoreEos && control is { } c && c != LengthControl.IgnoreEos)
            yield return $"ignore_eos: conflicts with `workload_options.length_control` ({c.ToName()}); give one of them";

        if (synthetic)
        {
            if (request.MinTokens is not null && control is { } sc)
                yield return $"min_tokens: conflicts with `workload_options.length_control` ({sc.ToName()}), which sets min_tokens itself; give one of them";
            if (request.MaxTokens is not null && o.OutputLengths is not null)
                yield return "max_tokens: conflicts with `workload_options.output_tokens_dist`, which draws max_tokens for each request; give one of them";
            if (PromptWorkloadFactory.MinTokensProblem(request) is { } problem) yield return problem;
            yield break;
        }

        if (request.MinTokens is not null)
            yield return "min_tokens: the summarize workload sets min_tokens from `workload_options.summary_words` (90% of each target under length_control min-tokens); drop it, or choose `workload_options.length_control`";
        if (request.MaxTokens is { } cap && o.SummaryWords.Count > 0)
        {
            var words = o.SummaryWords.Max();
            var needed = SummaryPrompts.TargetTokens(words);
            if (cap < needed)
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"max_tokens: '{cap}' is below the {needed} tokens a {words}-word summary needs (`workload_options.summary_words` {words}); for this workload max_tokens caps the output budget, so raise it to at least {needed} or lower the summary lengths");
        }
    }

    /// <summary>Throws the first problem (creation after a skipped validation must not send a wrong request).</summary>
    public static void ThrowIfAny(GeneratorOptions o)
    {
        var problems = Problems(o).ToArray();
        if (problems.Length > 0) throw new ArgumentException(string.Join("; ", problems));
    }
}
