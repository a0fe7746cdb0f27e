using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace TokenClock.Workloads.Quality;

/// <summary>
/// Optional LLM-as-judge scores for a summary (off unless a judge client is configured): <c>judge_coherence</c>
/// and <c>judge_groundedness</c> on a 1–5 scale. Run it after the measured job, never during it.
/// </summary>
internal sealed class SummaryJudge(IChatClient judge)
{
    private readonly ChatConfiguration _configuration = new(judge ?? throw new ArgumentNullException(nameof(judge)));
    private readonly IEvaluator[] _evaluators =
        [new SummaryJudgeEvaluator(JudgeCriterion.Coherence), new SummaryJudgeEvaluator(JudgeCriterion.Groundedness)];

    /// <summary>Scores keyed judge_coherence / judge_groundedness; a criterion the judge did not rate is left out.</summary>
    public async Task<IReadOnlyDictionary<string, double>> ScoreAsync(string document, string summary, CancellationToken cancellationToken = default)
    {
        var scores = new Dictionary<string, double>();
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, summary));
        EvaluationContext[] context = [new SourceDocumentContext(document)];
        foreach (var evaluator in _evaluators)
        {
            var result = await evaluator.EvaluateAsync([], response, _configuration, context, cancellationToken).ConfigureAwait(false);
            foreach (var name in evaluator.EvaluationMetricNames)
                if (result.TryGet<NumericMetric>(name, out var metric) && metric.Value is { } v)
                    scores["judge_" + name.ToLowerInvariant()] = v;
        }
        return scores;
    }
}
