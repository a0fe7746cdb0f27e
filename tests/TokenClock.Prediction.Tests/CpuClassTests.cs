using System.Globalization;
using System.Text.RegularExpressions;
using TokenClock.Prediction.Classes;
using TokenClock.Prediction.Engines;
using Xunit.Abstractions;

namespace TokenClock.Prediction.Tests;

/// <summary>
/// The CPU classes (server-cpu, desktop-cpu) of the 'llama.cpp' profile, fitted from the public CPU rows in
/// docs/data/llamacpp-cpu-public-2026-12-02.csv and validated leave-one-device-out (issue 12).
/// </summary>
public sealed partial class CpuClassTests(ITestOutputHelper output)
{
    private static string CsvPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "data", PublicMeasurements.EmbeddedCpuFile))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("docs/data not found above the test folder"), "docs", "data", PublicMeasurements.EmbeddedCpuFile);
    }

    [GeneratedRegex(@"(\d+) threads (=|of) (\d+) cores")]
    private static partial Regex ThreadsRegex();

    [Fact]
    public void Cpu_rows_are_cpu_backend_runs_with_source_date_and_threads_near_the_core_count()
    {
        var lines = File.ReadAllLines(CsvPath()).Skip(1).Where(l => l.Length > 0).ToList();
        var points = PublicMeasurements.LoadEmbeddedFile(PublicMeasurements.EmbeddedCpuFile);
        Assert.Equal(lines.Count, points.Count);
        Assert.All(points, p => Assert.True(PublicMeasurements.IsCpu(p.Hardware), $"{p.Label}: not a CPU"));
        foreach (var line in lines)
        {
            Assert.Matches(@"https://github\.com/", line);
            Assert.Matches(@",20\d\d-\d\d(-\d\d)?,", line);
            // A run on a fraction of the cores measures neither the device's compute nor, reliably, its bandwidth:
            // such rows are left out of the file (docs/data/llamacpp-cpu-public-2026-12-02.md).
            var m = ThreadsRegex().Match(line);
            Assert.True(m.Success, $"no thread count in: {line}");
            var threads = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var cores = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            Assert.True(threads >= 0.9 * cores, $"{threads} threads on {cores} cores: {line}");
        }
        var devices = points.Select(p => p.Hardware.Id).Distinct().ToList();
        var formats = points.Select(p => p.Format.Name).Distinct().Order().ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{points.Count} rows, {devices.Count} CPUs ({string.Join(", ", devices)}), formats {string.Join(", ", formats)}; " +
            $"decode rows {points.Count(p => p.TpotMs is not null)} (the issue asks for >= 30 rows on >= 6 CPUs)"));
        Assert.True(formats.Count >= 2, "at least two weight formats");
        Assert.True(devices.Count >= 6, $"{devices.Count} CPUs (the issue asks for >= 6)");
        foreach (var cls in new[] { "server-cpu", "desktop-cpu" })
        {
            Assert.True(points.Where(p => p.Hardware.DeviceClass == cls).Select(p => p.Hardware.Id).Distinct().Count() >= 2, $"{cls}: fewer than 2 CPUs");
            // Leave-one-CPU-out needs decode rows on two CPUs of a class, or holding one out leaves none.
            Assert.True(points.Where(p => p.Hardware.DeviceClass == cls && p.TpotMs is not null).Select(p => p.Hardware.Id).Distinct().Count() >= 2,
                $"{cls}: decode rows on fewer than 2 CPUs");
        }
    }

    [Fact]
    public void Cpu_class_efficiencies_are_fitted_and_within_the_datasheet_peaks()
    {
        var classes = EngineProfiles.LlamaCppCpu.DeviceClasses!;
        Assert.Equal(["desktop-cpu", "server-cpu"], classes.Keys.Order());
        foreach (var (name, c) in classes)
        {
            output.WriteLine(FormattableString.Invariant($"{name}: compute {c.ComputeEfficiency:F3} bandwidth {c.BandwidthEfficiency:F3} ") +
                string.Join(" ", c.FormatBandwidthEfficiency!.Select(kv => FormattableString.Invariant($"bw[{kv.Key}]={kv.Value:F3}"))) + " " +
                string.Join(" ", c.FormatComputeEfficiency!.Select(kv => FormattableString.Invariant($"c[{kv.Key}]={kv.Value:F3}"))) + $" ({c.Source})");
            var all = new[] { c.ComputeEfficiency, c.BandwidthEfficiency }.Concat(c.FormatBandwidthEfficiency!.Values).Concat(c.FormatComputeEfficiency!.Values);
            Assert.All(all, e => Assert.InRange(e, 0.01, 1.0));
        }
        // The GPU profile keeps GPU classes only, the CPU profile CPU classes only.
        Assert.DoesNotContain("server-cpu", EngineProfiles.LlamaCppGpu.DeviceClasses!.Keys);
        Assert.True(EngineProfiles.LlamaCppCpu.Calibrated);
    }

    [Fact]
    public void A_catalog_cpu_prediction_uses_its_class_and_a_probed_machine_keeps_the_default()
    {
        var epyc = Support.Catalog.Get("epyc-9654");
        var server = EngineProfiles.LlamaCppCpu.ForDeviceClass(epyc.DeviceClass);
        Assert.Equal(EngineProfiles.LlamaCppCpu.DeviceClasses!["server-cpu"].BandwidthEfficiency, server.BandwidthEfficiency);
        Assert.NotEqual(EngineProfiles.LlamaCppCpu.BandwidthEfficiency, server.BandwidthEfficiency);
        Assert.Same(EngineProfiles.LlamaCppCpu, EngineProfiles.LlamaCppCpu.ForDeviceClass(null));
    }

    [Fact]
    public void Leave_one_cpu_out_median_errors_per_class()
    {
        var rows = DeviceClassFit.LeaveOneDeviceOut(PublicMeasurements.LoadEmbedded(cpu: true), EngineProfiles.LlamaCppCpu);
        double Med(IEnumerable<double> v) { var a = v.Order().ToArray(); return a.Length == 0 ? double.NaN : a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2; }
        double AbsMed(IEnumerable<(string Class, string Device, Calibration.ValidationRow Row)> g, string metric) =>
            Med(g.Where(r => r.Row.Metric == metric).Select(r => Math.Abs(r.Row.ErrorFraction) * 100));
        foreach (var r in rows)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {r.Device,-24} {r.Row.Label,-48} {r.Row.Metric,-5} {r.Row.ErrorFraction * 100,7:F1}%"));
        var perClass = rows.GroupBy(r => r.Class).ToDictionary(g => g.Key, g => (Tpot: AbsMed(g, "tpot"), Prefill: AbsMed(g, "ttft"), N: g.Count()));
        foreach (var (cls, v) in perClass.OrderBy(kv => kv.Key))
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cls,-12} TPOT {v.Tpot,5:F1}% prefill {v.Prefill,5:F1}% (n={v.N})"));
        var tpot = AbsMed(rows, "tpot");
        var prefill = AbsMed(rows, "ttft");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all CPUs: TPOT {tpot:F1}% prefill {prefill:F1}% (n={rows.Count})"));
        Assert.Equal(PublicMeasurements.LoadEmbedded(cpu: true).Count, rows.Count);
        // Issue 12's targets: TPOT <= 12%, prefill <= 20%, no family above 20% TPOT (and, per family, prefill <= 20%).
        // 2026-12-02, 20 rows on 6 CPUs, CPU memory efficiency pooled over all CPUs: all-CPU TPOT 6.8%, prefill 17.2%;
        // desktop-cpu 6.8% / 19.0%, server-cpu 7.4% / 12.9%. Every one is asserted; the data behind them is thin (4 decode
        // rows, 6 CPUs; docs/benchmarks.md says so), so a new row that breaks one shows here rather than in a doc.
        var checks = new[] { ("all-CPU TPOT", tpot, 12.0), ("all-CPU prefill", prefill, 20.0),
            ("desktop-cpu TPOT", perClass["desktop-cpu"].Tpot, 20.0), ("desktop-cpu prefill", perClass["desktop-cpu"].Prefill, 20.0),
            ("server-cpu TPOT", perClass["server-cpu"].Tpot, 20.0), ("server-cpu prefill", perClass["server-cpu"].Prefill, 20.0) };
        foreach (var (name, value, target) in checks)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {value:F1}% against {target:F0}%: {(value <= target ? "met" : "NOT met")}"));
        Assert.All(checks, c => Assert.True(c.Item2 <= c.Item3, string.Create(CultureInfo.InvariantCulture, $"{c.Item1} {c.Item2:F1}% above {c.Item3:F0}%")));
    }

    /// <summary>
    /// Every CPU class takes its memory efficiency from the decode rows of all CPUs (DRAM streams alike behind a desktop
    /// or a server memory controller), while compute stays per class; GPU classes keep their own bandwidth numbers.
    /// </summary>
    [Fact]
    public void Cpu_classes_share_the_memory_efficiency_of_all_cpu_decode_rows_and_keep_their_own_compute()
    {
        var points = PublicMeasurements.LoadEmbedded(cpu: true);
        var decode = DeviceClassFit.PointEfficiencies(points, EngineProfiles.LlamaCppCpu).Where(r => r.Bandwidth is not null).ToList();
        Assert.True(decode.Select(r => r.Class).Distinct().Count() >= 2, "decode rows on both CPU classes");
        var classes = EngineProfiles.LlamaCppCpu.DeviceClasses!;
        var expected = DeviceClassFit.Median(decode.Select(r => r.Bandwidth!.Value));
        foreach (var (name, c) in classes)
        {
            Assert.Equal(expected, c.BandwidthEfficiency, 12);
            foreach (var g in decode.GroupBy(r => r.Format))
                Assert.Equal(DeviceClassFit.Median(g.Select(r => r.Bandwidth!.Value)), c.FormatBandwidthEfficiency![g.Key], 12);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: bandwidth {c.BandwidthEfficiency:F3}, compute {c.ComputeEfficiency:F3} ({c.Source})"));
        }
        Assert.NotEqual(classes["desktop-cpu"].ComputeEfficiency, classes["server-cpu"].ComputeEfficiency);

        // A class with prefill rows only still gets a class (the fallback to the engine's default 0.8 was what put the
        // i5-4278U's decode 40% off when it was the only desktop CPU with a decode row and was held out).
        var withoutDesktopDecode = points.Where(p => !(p.Hardware.DeviceClass == "desktop-cpu" && p.TpotMs is not null)).ToList();
        var fit = DeviceClassFit.Fit(withoutDesktopDecode, EngineProfiles.LlamaCppCpu);
        Assert.True(fit.ContainsKey("desktop-cpu"));
        Assert.Equal(fit["server-cpu"].BandwidthEfficiency, fit["desktop-cpu"].BandwidthEfficiency, 12);

        // GPUs: the memory systems differ (HBM vs GDDR vs Apple's unified memory), so each class keeps its own number.
        var gpu = EngineProfiles.LlamaCppGpu.DeviceClasses!;
        Assert.True(gpu.Values.Select(c => c.BandwidthEfficiency).Distinct().Count() > 1);
    }
}
