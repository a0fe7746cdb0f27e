using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using TokenClock.Core.ChatClients;
using TokenClock.Workloads.Quality;
using TokenClock.Workloads.Tests.TestSupport;

namespace TokenClock.Workloads.Tests.Quality;

public sealed class SummaryJudgeTests
{
    private const string Document = "The tide mill ground grain at low tide and closed in 1921.";

    [Fact]
    public async Task Judge_asks_the_configured_backend_once_per_criterion_and_parses_its_ratings()
    {
        var judgeBackend = new PacedBackend((r, _) => r.Prompt.Contains("GROUNDEDNESS", StringComparison.Ordinal) ? "2" : "Rating: 4")
        {
            Ttft = TimeSpan.FromMilliseconds(1),
        };
        using var client = new BackendChatClient(judgeBackend);

        var scores = await new SummaryJudge(client).ScoreAsync(Document, "The mill closed in 1921.");

        Assert.Equal(4, scores["judge_coherence"]);
        Assert.Equal(2, scores["judge_groundedness"]);
        var prompts = judgeBackend.Requests.Select(r => r.Prompt).ToArray();
        Assert.Equal(2, prompts.Length);
        Assert.DoesNotContain(Document, prompts[0], StringComparison.Ordinal); // coherence judges the summary alone
        Assert.Contains(Document, prompts[1], StringComparison.Ordinal);        // groundedness sees the source
        Assert.All(judgeBackend.Requests, r => Assert.Equal(8, r.MaxTokens));
    }

    [Fact]
    public async Task An_unparseable_reply_gives_no_score_and_a_diagnostic()
    {
        var judgeBackend = new PacedBackend((_, _) => "excellent") { Ttft = TimeSpan.Zero };
        using var client = new BackendChatClient(judgeBackend);
        var evaluator = new SummaryJudgeEvaluator(JudgeCriterion.Coherence);

        var result = await evaluator.EvaluateAsync([], new ChatResponse(new ChatMessage(ChatRole.Assistant, "x")), new ChatConfiguration(client));

        var metric = result.Get<NumericMetric>("Coherence");
        Assert.Null(metric.Value);
        Assert.Contains(metric.Diagnostics!, d => d.Message.Contains("excellent", StringComparison.Ordinal));
        Assert.Empty(await new SummaryJudge(client).ScoreAsync(Document, "x"));
    }

    [Theory]
    [InlineData("5", 5.0)]
    [InlineData("Score: 3/5", 3.0)]
    [InlineData("0 or 9", null)]
    public void Rating_is_the_first_digit_from_1_to_5(string reply, double? expected)
    {
        Assert.Equal(expected, SummaryJudgeEvaluator.ParseRating(reply));
    }
}
