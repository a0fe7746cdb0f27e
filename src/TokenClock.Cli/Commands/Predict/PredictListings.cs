using System.Globalization;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Infrastructure.Settings;
using TokenClock.Prediction.Cost;
using TokenClock.Prediction.Data;
using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Hardware;

namespace TokenClock.Cli.Commands.Predict;

/// <summary>'tokenclock predict hardware|engines|prices|formats'.</summary>
internal static class PredictListings
{
    public static int Hardware(TextWriter o, JsonSettings s)
    {
        var catalog = HardwareCatalog.LoadDefault();
        if (s.Json) { PredictOutput.WriteJson(o, new { catalog.Updated, catalog.OverridePath, Hardware = catalog.Entries }); return ExitCodes.Ok; }
        PredictOutput.Out(o, $"hardware table updated {catalog.Updated}{(catalog.OverridePath is null ? $" (override file: {PredictionHome.HardwareFile}, absent)" : $" + {catalog.OverridePath}")}");
        foreach (var h in catalog.Entries)
        {
            var peaks = string.Join(" ", h.PeakTflops.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value:G4}")));
            var price = h.Prices.Count == 0 ? "no price" : string.Join("; ", h.Prices.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Provider} ${p.UsdPerHour:F3}/h ({p.Date})")));
            PredictOutput.Out(o, $"{h.Id,-18} {h.MemoryGb,6:G4} GiB {h.BandwidthGbps,7:G5} GB/s  TFLOP/s {peaks}  class {h.DeviceClass ?? "none"}");
            PredictOutput.Out(o, $"{"",-18} {h.Name}; source: {h.Source} ({h.SourceDate}); {price}");
        }
        PredictOutput.Out(o, $"{ThisMachine.Id,-16} built from 'tokenclock probe' results ({ThisMachine.BandwidthKey}, {ThisMachine.MatmulKey})");
        return ExitCodes.Ok;
    }

    public static int Engines(TextWriter o, JsonSettings s)
    {
        var store = EngineProfileStore.Default;
        var all = store.All();
        if (s.Json) { PredictOutput.WriteJson(o, new { StoredIn = store.Path, Profiles = all }); return ExitCodes.Ok; }
        foreach (var p in all)
        {
            PredictOutput.Out(o, $"{p.Name,-16} v{p.Version} {p.Status,-10} {p.Description}");
            PredictOutput.Out(o, $"{"",-16} {PredictOutput.Describe(p)}; source: {p.Source}");
            foreach (var (cls, c) in p.DeviceClasses ?? new Dictionary<string, ClassEfficiency>())
                PredictOutput.Out(o, $"{"",-16}   {cls,-18} compute {c.ComputeEfficiency:F3} bandwidth {c.BandwidthEfficiency:F3}; per format bandwidth {PerFormat(c.FormatBandwidthEfficiency)}; compute {PerFormat(c.FormatComputeEfficiency)} ({c.Source})");
        }
        PredictOutput.Out(o, $"calibrated profiles are stored in {store.Path}");
        return ExitCodes.Ok;
    }

    private static string PerFormat(IReadOnlyDictionary<string, double>? efficiency) =>
        string.Join(", ", (efficiency ?? new Dictionary<string, double>()).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:F3}")));

    public static int Prices(TextWriter o, PredictPricesSettings s)
    {
        if (s.Update is { } update)
        {
            if (!File.Exists(update)) throw new UsageException($"--update '{update}' does not exist. Write a tokenclock.price-update/1 file (see docs/prediction.md).");
            var (apiCount, hardwareCount) = PriceUpdate.Apply(update, PredictionHome.ApiPricesFile, PredictionHome.HardwareFile);
            PredictOutput.Out(o, $"updated {apiCount} API prices in {PredictionHome.ApiPricesFile} and the prices of {hardwareCount} devices in {PredictionHome.HardwareFile}");
        }
        var api = ApiPriceTable.LoadDefault();
        var hardware = HardwareCatalog.LoadDefault();
        var today = DateTime.UtcNow;
        var stale = api.Prices.Where(p => PriceAge.IsStale(p.Date, today)).Select(p => $"{p.Model} ({p.Date})")
            .Concat(hardware.Entries.SelectMany(h => h.Prices.Where(p => PriceAge.IsStale(p.Date, today)).Select(p => $"{h.Id} {p.Provider} ({p.Date})"))).ToList();
        if (s.Json)
        {
            PredictOutput.WriteJson(o, new
            {
                Api = api.Prices, ApiNote = api.Note, Hardware = hardware.Entries.Select(h => new { h.Id, h.Prices }),
                StaleAfterMonths = PriceAge.StaleAfterMonths, Stale = stale,
            });
            return ExitCodes.Ok;
        }
        PredictOutput.Out(o, $"hosted API list prices per 1M tokens ({api.Date}; {api.Note})");
        foreach (var p in api.Prices) PredictOutput.Out(o, $"  {p.Provider,-10} {p.Model,-20} input ${p.UsdPerMillionInput,6:F2}  output ${p.UsdPerMillionOutput,6:F2}  ({p.Date}){(PriceAge.IsStale(p.Date, today) ? "  STALE" : "")}");
        PredictOutput.Out(o, $"hardware hourly prices:");
        foreach (var h in hardware.Entries)
            foreach (var p in h.Prices) PredictOutput.Out(o, $"  {h.Id,-16} {p.Provider,-36} ${p.UsdPerHour,7:F3}/h  ({p.Date}{(p.Note is null ? "" : "; " + p.Note)}){(PriceAge.IsStale(p.Date, today) ? "  STALE" : "")}");
        if (stale.Count > 0)
            PredictOutput.Out(o, $"WARNING: {stale.Count} prices are older than {PriceAge.StaleAfterMonths} months (marked STALE); check current prices and apply them with 'tokenclock predict prices --update FILE'.");
        return ExitCodes.Ok;
    }

    public static int Formats(TextWriter o, JsonSettings s)
    {
        if (s.Json) { PredictOutput.WriteJson(o, new { Formats = WeightFormats.Formats }); return ExitCodes.Ok; }
        foreach (var f in WeightFormats.Formats)
            PredictOutput.Out(o, $"{f.Name,-8} {f.BitsPerWeight,6:F3} bits/weight ({f.BytesPerWeight:F4} bytes), computes at {f.ComputePrecision}: {f.Description}");
        return ExitCodes.Ok;
    }
}
