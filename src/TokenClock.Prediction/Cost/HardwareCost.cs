namespace TokenClock.Prediction.Cost;

/// <summary>What one request (one summary) costs on rented hardware at one provider's hourly price.</summary>
public sealed record HardwareCost(string Provider, double UsdPerHour, string PriceDate, string? Note, double UsdPerRequest)
{
    /// <summary>USD per thousand requests.</summary>
    public double UsdPerThousandRequests => UsdPerRequest * 1000;
}
