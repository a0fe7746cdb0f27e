namespace TokenClock.Prediction.Cost;

/// <summary>A hosted model's list price per 1M tokens, dated (providers change prices often).</summary>
public sealed record ApiPrice
{
    public required string Provider { get; init; }
    public required string Model { get; init; }
    public required double UsdPerMillionInput { get; init; }
    public required double UsdPerMillionOutput { get; init; }
    public required string Date { get; init; }
    public string? Note { get; init; }

    public double UsdPerRequest(int inputTokens, int outputTokens) =>
        (inputTokens * UsdPerMillionInput + outputTokens * UsdPerMillionOutput) / 1e6;
}
