namespace TokenClock.Prediction.Cost;

/// <summary>A hosted model's list price per 1M tokens, dated (providers change prices often).</summary>
public sealed record ApiPrice
{
    /// <summary>Who sells it.</summary>
    public required string Provider { get; init; }
    /// <summary>The model's API name.</summary>
    public required string Model { get; init; }
    /// <summary>USD per million input tokens.</summary>
    public required double UsdPerMillionInput { get; init; }
    /// <summary>USD per million output tokens.</summary>
    public required double UsdPerMillionOutput { get; init; }
    /// <summary>When the price was read (yyyy, yyyy-MM or yyyy-MM-dd).</summary>
    public required string Date { get; init; }
    /// <summary>A remark on the price, or null.</summary>
    public string? Note { get; init; }

    /// <summary>USD for one request of <paramref name="inputTokens"/> in and <paramref name="outputTokens"/> out.</summary>
    public double UsdPerRequest(int inputTokens, int outputTokens) =>
        (inputTokens * UsdPerMillionInput + outputTokens * UsdPerMillionOutput) / 1e6;
}
