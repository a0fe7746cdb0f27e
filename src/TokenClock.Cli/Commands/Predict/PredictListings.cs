using System.Globalization;
using TokenClock.Cli.Infrastructure;
using TokenClock.Prediction.Cost;
using TokenClock.Prediction.Data;
using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Hardware;

namespace TokenClock.Cli.Commands.Predict;

/// <summary>'tokenclock predict hardware|engines|prices|formats'.</summary>
internal static class PredictListings
{
    public static int Hardware(PredictSettings s)
    {
        var catalog = HardwareCatalog.LoadDefault();
        if (s.Json) { PredictCommand.WriteJson(new { catalog.Updated, catalog.OverridePath, Hardware = catalog.Entries }); return ExitCodes.Ok; }
        PredictCommand.Out($"hardware table updated {catalog.Updated}" + (catalog.OverridePath is null ? $" (override file: {PredictionHome.HardwareFile}, absent)" : $" + {catalog.OverridePath}"));
        foreach (var h in catalog.Entries)
        {
            var peaks = string.Join(" ", h.PeakTflops.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value:G4}")));
            var price = h.Prices.Count == 0 ? "no price" : string.Join("; ", h.Prices.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Provider} ${p.UsdPerHour:F3}/h ({p.Date})")));
            PredictCommand.Out($"{h.Id,-16} {h.MemoryGb,6:G4} GB {h.BandwidthGbps,7:G5} GB/s  TFLOP/s {peaks}");
            PredictCommand.Out($"{"",-16} {h.Name}; source: {h.Source} ({h.SourceDate}); {price}");
        }
        PredictCommand.Out($"{ThisMachine.Id,-16} built from 'tokenclock probe' results ({ThisMachine.BandwidthKey}, {ThisMachine.MatmulKey})");
        return ExitCodes.Ok;
    }

    public static int Engines(PredictSettings s)
    {
        var store = EngineProfileStore.Default;
        var all = store.All();
        if (s.Json) { PredictCommand.WriteJson(new { StoredIn = store.Path, Profiles = all }); return ExitCodes.Ok; }
        foreach (var p in all)
        {
            PredictCommand.Out($"{p.Name,-16} {p.Description}");
            PredictCommand.Out($"{"",-16} {PredictCommand.Describe(p)}; source: {p.Source}");
        }
        PredictCommand.Out($"calibrated profiles are stored in {store.Path}");
        return ExitCodes.Ok;
    }

    public static int Prices(PredictSettings s)
    {
        var api = ApiPriceTable.LoadDefault();
        var hardware = HardwareCatalog.LoadDefault();
        if (s.Json)
        {
            PredictCommand.WriteJson(new { Api = api.Prices, ApiNote = api.Note, Hardware = hardware.Entries.Select(h => new { h.Id, h.Prices }) });
            return ExitCodes.Ok;
        }
        PredictCommand.Out($"hosted API list prices per 1M tokens ({api.Date}; {api.Note})");
        foreach (var p in api.Prices) PredictCommand.Out($"  {p.Provider,-10} {p.Model,-20} input ${p.UsdPerMillionInput,6:F2}  output ${p.UsdPerMillionOutput,6:F2}  ({p.Date})");
        PredictCommand.Out("hardware hourly prices:");
        foreach (var h in hardware.Entries)
            foreach (var p in h.Prices) PredictCommand.Out($"  {h.Id,-16} {p.Provider,-36} ${p.UsdPerHour,7:F3}/h  ({p.Date}{(p.Note is null ? "" : "; " + p.Note)})");
        return ExitCodes.Ok;
    }

    public static int Formats(PredictSettings s)
    {
        if (s.Json) { PredictCommand.WriteJson(new { Formats = WeightFormats.Formats }); return ExitCodes.Ok; }
        foreach (var f in WeightFormats.Formats)
            PredictCommand.Out($"{f.Name,-8} {f.BitsPerWeight,6:F3} bits/weight ({f.BytesPerWeight:F4} bytes), computes at {f.ComputePrecision}: {f.Description}");
        return ExitCodes.Ok;
    }
}
