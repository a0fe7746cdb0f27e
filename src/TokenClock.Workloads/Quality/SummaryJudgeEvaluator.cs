using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace TokenClock.Workloads.Quality;

/// <summary>
/// LLM-as-judge for one criterion, as a Microsoft.Extensions.AI.Evaluation <see cref="IEvaluator"/>: asks the
/// configured judge chat client for a 1–5 rating and returns it as a <see cref="NumericMetric"/> named after the
/// criterion. No response cache is involved (a plain <see cref="ChatConfiguration"/>), so judging never reuses
/// answers and never runs inside a measured request's timing window.
/// </summary>
internal sealed class SummaryJudgeEvaluator(JudgeCriterion criterion) : IEvaluator
{
    public JudgeCriterion Criterion { get; } = criterion;

    public IReadOnlyCollection<string> EvaluationMetricNames => [Criterion.ToString()];

    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelResponse);
        var metric = new NumericMetric(Criterion.ToString());
        if (chatConfiguration is null)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error("No judge chat client configured; pass a ChatConfiguration."));
            return new EvaluationResult(metric);
        }
        var source = additionalContext?.OfType<SourceDocumentContext>().FirstOrDefault();
        if (Criterion == JudgeCriterion.Groundedness && source is null)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error("Groundedness needs the source document (SourceDocumentContext)."));
            return new EvaluationResult(metric);
        }

        var prompt = JudgePrompt(Criterion, modelResponse.Text, source?.Document);
        var reply = await chatConfiguration.ChatClient.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "You are a strict evaluator of summaries. Reply with one integer from 1 to 5 and nothing else."),
             new ChatMessage(ChatRole.User, prompt)],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 8 },
            cancellationToken).ConfigureAwait(false);

        var rating = ParseRating(reply.Text);
        if (rating is null)
            metric.AddDiagnostics(EvaluationDiagnostic.Warning($"The judge's reply '{Truncate(reply.Text)}' holds no rating from 1 to 5."));
        metric.Value = rating;
        metric.Reason = reply.Text.Trim();
        return new EvaluationResult(metric);
    }

    /// <summary>The first digit 1–5 in the judge's reply, or null.</summary>
    public static double? ParseRating(string? reply)
    {
        foreach (var c in reply ?? string.Empty)
            if (c is >= '1' and <= '5') return c - '0';
        return null;
    }

    private static string JudgePrompt(JudgeCriterion criterion, string summary, string? document) => criterion switch
    {
        JudgeCriterion.Coherence =>
            "Rate the COHERENCE of this summary from 1 (disjointed, hard to follow) to 5 (well organized, each sentence follows from the last).\n\n" +
            $"<summary>\n{summary}\n</summary>",
        JudgeCriterion.Groundedness =>
            "Rate the GROUNDEDNESS of the summary from 1 (mostly unsupported or contradicted by the document) to 5 (every statement is supported by the document).\n\n" +
            $"<document>\n{document}\n</document>\n\n<summary>\n{summary}\n</summary>",
        _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion, null),
    };

    private static string Truncate(string s) => s.Length <= 60 ? s : string.Concat(s.AsSpan(0, 60), "…");
}
