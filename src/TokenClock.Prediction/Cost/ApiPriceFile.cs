namespace TokenClock.Prediction.Cost;

/// <summary>On-disk form of the API price table (embedded default and user override share it).</summary>
internal sealed record ApiPriceFile
{
    public string Schema { get; init; } = "tokenclock.api-prices/1";
    public string? Date { get; init; }
    public string? Note { get; init; }
    public IReadOnlyList<ApiPrice> Prices { get; init; } = [];
}
