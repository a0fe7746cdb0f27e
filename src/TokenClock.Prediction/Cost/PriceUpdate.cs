using System.Text.Json;
using TokenClock.Prediction.Data;
using TokenClock.Prediction.Hardware;

namespace TokenClock.Prediction.Cost;

/// <summary>
/// Applies a price update file (schema tokenclock.price-update/1: "api" entries as in api-prices.json, and
/// "hardware" entries of id + prices) to the override files under TOKENCLOCK_HOME. API entries replace by model;
/// a hardware entry replaces that device's price list (its datasheet numbers stay). Every price needs a readable
/// date, and a device or model the tables do not know is refused, so a typo cannot add a phantom entry.
/// </summary>
public static class PriceUpdate
{
    internal sealed record HardwarePrices
    {
        public required string Id { get; init; }
        public IReadOnlyList<HardwarePrice> Prices { get; init; } = [];
    }

    internal sealed record UpdateFile
    {
        public string Schema { get; init; } = "tokenclock.price-update/1";
        public IReadOnlyList<ApiPrice> Api { get; init; } = [];
        public IReadOnlyList<HardwarePrices> Hardware { get; init; } = [];
    }

    /// <summary>Applies <paramref name="path"/>; returns how many API and hardware entries changed.</summary>
    public static (int Api, int Hardware) Apply(string path, string apiOverridePath, string hardwareOverridePath)
    {
        var update = PredictionJson.ReadFile<UpdateFile>(path);
        if (update.Schema != "tokenclock.price-update/1")
            throw new InvalidDataException($"'{path}' has schema '{update.Schema}'; expected tokenclock.price-update/1.");
        foreach (var p in update.Api)
            if (PriceAge.LatestDay(p.Date) is null) throw new InvalidDataException($"'{path}': the price of {p.Model} has date '{p.Date}'; use yyyy-MM-dd, yyyy-MM or yyyy.");
        var catalog = HardwareCatalog.Load(hardwareOverridePath);
        foreach (var h in update.Hardware)
        {
            catalog.Get(h.Id); // unknown ids throw with the list of known ones
            foreach (var p in h.Prices)
                if (PriceAge.LatestDay(p.Date) is null) throw new InvalidDataException($"'{path}': a price of {h.Id} has date '{p.Date}'; use yyyy-MM-dd, yyyy-MM or yyyy.");
        }

        if (update.Api.Count > 0)
        {
            var existing = File.Exists(apiOverridePath) ? PredictionJson.ReadFile<ApiPriceFile>(apiOverridePath).Prices.ToList() : [];
            foreach (var p in update.Api)
            {
                var at = existing.FindIndex(e => string.Equals(e.Model, p.Model, StringComparison.OrdinalIgnoreCase));
                if (at >= 0) existing[at] = p; else existing.Add(p);
            }
            Write(apiOverridePath, new ApiPriceFile { Prices = existing });
        }
        if (update.Hardware.Count > 0)
        {
            var existing = File.Exists(hardwareOverridePath) ? PredictionJson.ReadFile<HardwareFile>(hardwareOverridePath).Hardware.ToList() : [];
            foreach (var h in update.Hardware)
            {
                var spec = catalog.Get(h.Id) with { Prices = h.Prices };
                var at = existing.FindIndex(e => string.Equals(e.Id, spec.Id, StringComparison.OrdinalIgnoreCase));
                if (at >= 0) existing[at] = spec; else existing.Add(spec);
            }
            Write(hardwareOverridePath, new HardwareFile { Hardware = existing });
        }
        return (update.Api.Count, update.Hardware.Count);
    }

    private static void Write<T>(string path, T value)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(value, PredictionJson.Options));
        File.Move(tmp, path, overwrite: true);
    }
}
