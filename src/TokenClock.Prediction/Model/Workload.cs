namespace TokenClock.Prediction.Model;

/// <summary>What is asked of the model: prompt and output length per request, and how many requests share each step.</summary>
public sealed record Workload(int PromptTokens, int OutputTokens, int Concurrency = 1)
{
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (PromptTokens < 1) problems.Add($"--prompt is {PromptTokens}; it must be at least 1");
        if (OutputTokens < 1) problems.Add($"--output is {OutputTokens}; it must be at least 1");
        if (Concurrency < 1) problems.Add($"--concurrency is {Concurrency}; it must be at least 1");
        return problems;
    }
}
