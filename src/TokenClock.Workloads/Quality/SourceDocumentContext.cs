using Microsoft.Extensions.AI.Evaluation;

namespace TokenClock.Workloads.Quality;

/// <summary>The document a summary must be grounded in, passed to <see cref="SummaryJudgeEvaluator"/>.</summary>
internal sealed class SourceDocumentContext(string document) : EvaluationContext(ContextName, document)
{
    public const string ContextName = "Source document";

    public string Document { get; } = document;
}
