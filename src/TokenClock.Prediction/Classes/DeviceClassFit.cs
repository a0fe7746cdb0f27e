using TokenClock.Core.Numerics;
using TokenClock.Prediction.Calibration;
using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Model;

namespace TokenClock.Prediction.Classes;

/// <summary>
/// Fits an engine's efficiencies per device class and weight format from measurements on many devices. For each
/// point the model's time at efficiency 1 is computed (prefill: compute time of its ubatch passes; decode: memory
/// time of one step at the mean context), and the ratio to the measured time is that point's efficiency. A class's
/// number for a format is the median ratio of its points (robust to one odd device); the class's own number (used
/// for formats it has no points for, and for KV traffic and attention) is the median over all its points.
/// A device without a class, or a class without points, keeps the engine's own numbers.
/// CPUs are the exception for decode: every CPU class takes its bandwidth numbers from the decode points of all CPUs.
/// A CPU streams weights from ordinary DRAM through its own memory controller whether it sits in a desktop or a
/// server, and the published CPU decode rows reach 55-66% of channels x transfer rate on DDR3L, DDR4 and DDR5 alike
/// (docs/benchmarks.md); what separates the classes is compute (clocks, cores per memory channel), not how well DRAM
/// streams. Pooling also keeps a class with prefill rows but no decode rows from falling back to the engine default.
/// </summary>
internal static class DeviceClassFit
{
    public static IReadOnlyDictionary<string, ClassEfficiency> Fit(IReadOnlyList<MeasuredPoint> points, EngineProfile structure, string source = "")
    {
        var unit = Unit(structure);
        var ratios = points.Where(p => p.Hardware.DeviceClass is not null).Select(p => Ratios(p, unit)).ToList();
        var result = new Dictionary<string, ClassEfficiency>(StringComparer.OrdinalIgnoreCase);
        foreach (var cls in ratios.GroupBy(r => r.Class, StringComparer.OrdinalIgnoreCase))
        {
            var compute = cls.Where(r => r.Compute is not null).ToList();
            var pool = cls.First().BandwidthPool;
            var bandwidth = ratios.Where(r => r.Bandwidth is not null && string.Equals(r.BandwidthPool, pool, StringComparison.OrdinalIgnoreCase)).ToList();
            if (compute.Count == 0 || bandwidth.Count == 0) continue; // a class needs both kinds of points
            result[cls.Key] = new ClassEfficiency
            {
                ComputeEfficiency = Median(compute.Select(r => r.Compute!.Value)),
                BandwidthEfficiency = Median(bandwidth.Select(r => r.Bandwidth!.Value)),
                FormatComputeEfficiency = compute.GroupBy(r => r.Format, StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => Median(g.Select(r => r.Compute!.Value)), StringComparer.OrdinalIgnoreCase),
                FormatBandwidthEfficiency = bandwidth.GroupBy(r => r.Format, StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => Median(g.Select(r => r.Bandwidth!.Value)), StringComparer.OrdinalIgnoreCase),
                Source = $"{source}{(source.Length > 0 ? ": " : "")}{cls.Count()} points on {cls.Select(r => r.Device).Distinct().Count()} devices" +
                    (pool == cls.Key ? "" : $"; bandwidth from the {bandwidth.Count} decode points of all CPUs ({bandwidth.Select(r => r.Device).Distinct().Count()} devices)"),
            };
        }
        return result;
    }

    /// <summary>For each device: fit on every other device, predict this one. The rows of all devices, with each row's device class.</summary>
    public static IReadOnlyList<(string Class, string Device, ValidationRow Row)> LeaveOneDeviceOut(IReadOnlyList<MeasuredPoint> points, EngineProfile structure)
    {
        var rows = new List<(string, string, ValidationRow)>();
        foreach (var device in points.Select(p => p.Hardware.Id).Distinct())
        {
            var train = points.Where(p => p.Hardware.Id != device).ToList();
            var test = points.Where(p => p.Hardware.Id == device).ToList();
            var profile = Unit(structure) with { DeviceClasses = Fit(train, structure) };
            var cls = test[0].Hardware.DeviceClass ?? "none";
            rows.AddRange(PredictionValidator.Evaluate(profile, test).Rows.Select(r => (cls, device, r)));
        }
        return rows;
    }

    /// <summary>
    /// Each point's own efficiency (measured share of the datasheet peak: compute for prefill points, bandwidth for
    /// decode points), as the fit sees it; for diagnosing which devices and formats a class's median misses.
    /// </summary>
    public static IReadOnlyList<(string Class, string Device, string Format, string Label, double? Compute, double? Bandwidth)> PointEfficiencies(
        IReadOnlyList<MeasuredPoint> points, EngineProfile structure)
    {
        var unit = Unit(structure);
        return points.Where(p => p.Hardware.DeviceClass is not null)
            .Select(p => { var r = Ratios(p, unit); return (r.Class, r.Device, r.Format, p.Label, r.Compute, r.Bandwidth); })
            .ToList();
    }

    /// <summary>The structure with every efficiency 1 and no request/token overheads (llama-bench times the passes only).</summary>
    public static EngineProfile Unit(EngineProfile structure) => structure with
    {
        ComputeEfficiency = 1, BandwidthEfficiency = 1, FormatBandwidthEfficiency = null, FormatComputeEfficiency = null,
        DeviceClasses = null, PerRequestOverheadMs = 0, PerTokenOverheadMs = 0,
    };

    /// <summary>The decode points a class's bandwidth numbers come from: all CPUs for a CPU, the class itself otherwise.</summary>
    internal const string CpuBandwidthPool = "all CPUs";

    private static (string Class, string Device, string Format, double? Compute, double? Bandwidth, string BandwidthPool) Ratios(MeasuredPoint p, EngineProfile unit)
    {
        double? compute = null, bandwidth = null;
        if (p.TtftMs is > 0 and var ttft)
            compute = ForwardPassModel.PrefillTime(p.Shape, p.Format, p.Hardware, unit, p.Batch, p.PromptTokens).ComputeMs / ttft;
        if (p.TpotMs is > 0 and var tpot)
        {
            var work = ForwardPassModel.Work(p.Shape, p.Format, unit, p.Batch, 1, p.PromptTokens + p.OutputTokens / 2);
            bandwidth = ForwardPassModel.Time(work, p.Format, p.Hardware, unit).MemoryMs / tpot;
        }
        return (p.Hardware.DeviceClass!, p.Hardware.Id, p.Format.Name, compute, bandwidth,
            PublicMeasurements.IsCpu(p.Hardware) ? CpuBandwidthPool : p.Hardware.DeviceClass!);
    }

    internal static double Median(IEnumerable<double> values)
    {
        var median = Quantiles.Median(values);
        return double.IsNaN(median) ? throw new ArgumentException("No values to take the median of.", nameof(values)) : median;
    }
}
