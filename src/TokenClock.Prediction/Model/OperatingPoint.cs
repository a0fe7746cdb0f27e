using TokenClock.Core.Settings;

namespace TokenClock.Prediction.Model;

/// <summary>The operating point a prediction is made at (not a run's workload, which names its request source): prompt and output length per request, and how many requests share each step.</summary>
public sealed record OperatingPoint(int PromptTokens, int OutputTokens, int Concurrency = 1)
{
    /// <summary>One problem per value below 1, keyed by its setting; empty when usable.</summary>
    public IReadOnlyList<SettingProblem> Validate()
    {
        var problems = new List<SettingProblem>();
        if (PromptTokens < 1) problems.Add(new(PredictionSettings.PromptTokens, n => $"{n(PredictionSettings.PromptTokens)} is {PromptTokens}; it must be at least 1"));
        if (OutputTokens < 1) problems.Add(new(PredictionSettings.OutputTokens, n => $"{n(PredictionSettings.OutputTokens)} is {OutputTokens}; it must be at least 1"));
        if (Concurrency < 1) problems.Add(new(PredictionSettings.Concurrency, n => $"{n(PredictionSettings.Concurrency)} is {Concurrency}; it must be at least 1"));
        return problems;
    }
}
