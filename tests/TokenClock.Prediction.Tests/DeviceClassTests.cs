using Xunit.Abstractions;
using System.Globalization;
using TokenClock.Prediction.Classes;
using TokenClock.Prediction.Engines;

namespace TokenClock.Prediction.Tests;

public sealed class DeviceClassTests(ITestOutputHelper output)
{
    private static string CsvPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "data", PublicMeasurements.EmbeddedFile))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("docs/data not found above the test folder"), "docs", "data", PublicMeasurements.EmbeddedFile);
    }

    [Fact]
    public void The_public_set_has_60_rows_15_devices_4_formats_each_with_source_and_date()
    {
        var lines = File.ReadAllLines(CsvPath()).Skip(1).Where(l => l.Length > 0).ToList();
        Assert.True(lines.Count >= 60, $"{lines.Count} rows");
        var points = PublicMeasurements.LoadEmbeddedFile(PublicMeasurements.EmbeddedFile);
        Assert.Equal(lines.Count, points.Count);
        Assert.True(points.Select(p => p.Hardware.Id).Distinct().Count() >= 15);
        Assert.Equal(["f16", "q4_0", "q4_k_m", "q8_0"], points.Select(p => p.Format.Name).Distinct().Order());
        foreach (var line in lines)
        {
            Assert.Matches(@"https://github\.com/|docs/data/gpu-", line);
            Assert.Matches(@",20\d\d-\d\d(-\d\d)?,", line);
        }
    }

    [Fact]
    public void Fitted_class_efficiencies_stay_within_the_datasheet_peaks()
    {
        var classes = EngineProfiles.LlamaCppGpu.DeviceClasses!;
        Assert.Equal(["apple-unified", "apple-unified-wide", "consumer-gddr", "datacenter-hbm", "workstation-gddr"], classes.Keys.Order());
        foreach (var (name, c) in classes)
        {
            var all = new[] { c.ComputeEfficiency, c.BandwidthEfficiency }.Concat(c.FormatBandwidthEfficiency!.Values).Concat(c.FormatComputeEfficiency!.Values);
            output.WriteLine(FormattableString.Invariant($"{name}: compute {c.ComputeEfficiency:F3} bandwidth {c.BandwidthEfficiency:F3} ") +
                string.Join(" ", c.FormatBandwidthEfficiency!.Select(kv => FormattableString.Invariant($"bw[{kv.Key}]={kv.Value:F3}"))) + " " +
                string.Join(" ", c.FormatComputeEfficiency!.Select(kv => FormattableString.Invariant($"c[{kv.Key}]={kv.Value:F3}"))) + $" ({c.Source})");
            Assert.All(all, e => Assert.InRange(e, 0.01, 1.0));
        }
    }

    /// <summary>
    /// No published row may reach more than the datasheet peak: a share above 1 means the catalog's dense figure is
    /// wrong (sparse, or the wrong accumulate rate). The per-row shares are printed to diagnose the prefill misses.
    /// </summary>
    [Fact]
    public void Every_public_row_stays_within_its_datasheet_peak()
    {
        var gpu = DeviceClassFit.PointEfficiencies(PublicMeasurements.LoadEmbedded(cpu: false), EngineProfiles.LlamaCppGpu);
        var cpu = DeviceClassFit.PointEfficiencies(PublicMeasurements.LoadEmbedded(cpu: true), EngineProfiles.LlamaCppCpu);
        foreach (var r in gpu.Concat(cpu).OrderBy(r => r.Class, StringComparer.Ordinal).ThenBy(r => r.Device, StringComparer.Ordinal).ThenBy(r => r.Format, StringComparer.Ordinal))
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Class,-18} {r.Label,-48} {(r.Compute is { } c ? $"compute {c:F3}" : $"bandwidth {r.Bandwidth:F3}")}"));
        Assert.All(gpu.Concat(cpu), r => Assert.InRange(r.Compute ?? r.Bandwidth ?? double.NaN, 0.01, 1.0));
    }

    [Fact]
    public void Leave_one_device_out_median_errors_per_family()
    {
        var rows = DeviceClassFit.LeaveOneDeviceOut(PublicMeasurements.LoadEmbedded(cpu: false), EngineProfiles.LlamaCppGpu);
        double Med(IEnumerable<double> v) { var a = v.Order().ToArray(); return a.Length == 0 ? double.NaN : a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2; }
        foreach (var g in rows.GroupBy(r => r.Class).OrderBy(g => g.Key))
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{g.Key,-18} TPOT {Med(g.Where(r => r.Row.Metric == "tpot").Select(r => Math.Abs(r.Row.ErrorFraction) * 100)),5:F1}% prefill {Med(g.Where(r => r.Row.Metric == "ttft").Select(r => Math.Abs(r.Row.ErrorFraction) * 100)),5:F1}% (n={g.Count()})"));
        foreach (var g in rows.GroupBy(r => r.Device).OrderBy(g => g.Key))
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {g.Key,-18} TPOT {Med(g.Where(r => r.Row.Metric == "tpot").Select(r => r.Row.ErrorFraction * 100)),6:F1}% prefill {Med(g.Where(r => r.Row.Metric == "ttft").Select(r => r.Row.ErrorFraction * 100)),6:F1}% (signed)"));
        var tpot = Med(rows.Where(r => r.Row.Metric == "tpot").Select(r => Math.Abs(r.Row.ErrorFraction) * 100));
        var ttft = Med(rows.Where(r => r.Row.Metric == "ttft").Select(r => Math.Abs(r.Row.ErrorFraction) * 100));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all: TPOT {tpot:F1}% prefill {ttft:F1}% (n={rows.Count})"));
        // Issue 12's targets: TPOT <= 12%, prefill <= 20%, no family above 20% TPOT. Reached on 2026-12-01 (142 rows,
        // 21 devices): TPOT 11.9%, prefill 15.8%, worst family TPOT 19.5% (apple-unified-wide); per family, prefill of
        // datacenter-hbm (23%) and workstation-gddr (37%) missed 20%. 2026-12-02, with the RTX 4000 Ada's tensor peak at
        // its boost clock like every other Ada entry: prefill 14.1%, workstation-gddr 27.7%, datacenter-hbm 23.2% (still
        // above 20%: docs/benchmarks.md says why).
        Assert.True(tpot <= 12, $"TPOT {tpot:F1}%");
        Assert.True(ttft <= 20, $"prefill {ttft:F1}%");
        foreach (var g in rows.GroupBy(r => r.Class))
            Assert.True(Med(g.Where(r => r.Row.Metric == "tpot").Select(r => Math.Abs(r.Row.ErrorFraction) * 100)) <= 20, $"{g.Key} TPOT above 20%");
    }
}
