using TokenClock.Prediction.Data;
using TokenClock.Core.Settings;

namespace TokenClock.Prediction.Cost;

/// <summary>The shipped, dated API price table overlaid with $TOKENCLOCK_HOME/api-prices.json (entries replace by model).</summary>
public sealed class ApiPriceTable(IReadOnlyList<ApiPrice> prices, string? date, string? note)
{
    /// <summary>Every price, the overrides included.</summary>
    public IReadOnlyList<ApiPrice> Prices { get; } = prices;
    /// <summary>The shipped table's date.</summary>
    public string? Date { get; } = date;
    /// <summary>The shipped table's note.</summary>
    public string? Note { get; } = note;

    /// <summary>The shipped table with the user's override file, if it exists.</summary>
    public static ApiPriceTable LoadDefault() => Load(PredictionHome.ApiPricesFile);

    /// <summary>The shipped table, with the entries of <paramref name="overridePath"/> (when it exists) replacing by model.</summary>
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

    /// <summary>The price of <paramref name="model"/> (case ignored); an unknown one throws naming the known models.</summary>
    public ApiPrice Get(string model) =>
        Prices.FirstOrDefault(p => string.Equals(p.Model, model, StringComparison.OrdinalIgnoreCase)) ?? throw new SettingException(PredictionSettings.ApiModel, _ =>
            $"Unknown API model '{model}'. Known: {string.Join(", ", Prices.Select(p => p.Model))}. " +
            "Run 'tokenclock predict prices' to list them, or add it to " + PredictionHome.ApiPricesFile + ".");
}
