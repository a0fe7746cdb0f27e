using TokenClock.Prediction.Data;
using TokenClock.Core.Settings;

namespace TokenClock.Prediction.Cost;

/// <summary>The shipped, dated API price table overlaid with $TOKENCLOCK_HOME/api-prices.json (entries replace by model).</summary>
public sealed class ApiPriceTable(IReadOnlyList<ApiPrice> prices, string? date, string? note)
{
    public IReadOnlyList<ApiPrice> Prices { get; } = prices;
    public string? Date { get; } = date;
    public string? Note { get; } = note;

    public static ApiPriceTable LoadDefault() => Load(PredictionHome.ApiPricesFile);

    public static ApiPriceTable Load(string? overridePath)
    {
        var shipped = PredictionJson.ReadEmbedded<ApiPriceFile>("api-prices.json");
        var prices = shipped.Prices.ToList();
        if (overridePath is not null && File.Exists(overridePath))
        {
            foreach (var p in PredictionJson.ReadFile<ApiPriceFile>(overridePath).Prices)
            {
                var at = prices.FindIndex(e => string.Equals(e.Model, p.Model, StringComparison.OrdinalIgnoreCase));
                if (at >= 0) prices[at] = p; else prices.Add(p);
            }
        }
        return new ApiPriceTable(prices, shipped.Date, shipped.Note);
    }

    public ApiPrice Get(string model) =>
        Prices.FirstOrDefault(p => string.Equals(p.Model, model, StringComparison.OrdinalIgnoreCase)) ?? throw new SettingException(PredictionSettings.ApiModel, _ =>
            $"Unknown API model '{model}'. Known: {string.Join(", ", Prices.Select(p => p.Model))}. " +
            "Run 'tokenclock predict prices' to list them, or add it to " + PredictionHome.ApiPricesFile + ".");
}
