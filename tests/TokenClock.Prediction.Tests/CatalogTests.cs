using TokenClock.Core.Settings;
using TokenClock.Core.Results;
using TokenClock.Prediction.Cost;
using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Hardware;
using TokenClock.Prediction.Model;

namespace TokenClock.Prediction.Tests;

public sealed class CatalogTests
{
    [Fact]
    public void Unknown_hardware_lists_every_known_id()
    {
        var ex = Assert.Throws<SettingException>(() => Support.Catalog.Get("a100-41gb"));
        Assert.Contains("'a100-41gb'", ex.Message);
        foreach (var id in new[] { "a100-sxm-40gb", "h100-sxm", "h200", "t4", "apple-m3", "this-machine" }) Assert.Contains(id, ex.Message);
    }

    [Fact]
    public void Unknown_model_format_engine_and_api_model_list_what_exists()
    {
        Assert.Contains("tinyllama-1.1b", Assert.Throws<SettingException>(() => ModelResolver.Resolve("llama-9")).Message);
        Assert.Contains("q4_k_m", Assert.Throws<SettingException>(() => WeightFormats.Get("q3_x")).Message);
        var store = new EngineProfileStore(Path.Combine(Support.TempDir(), "none.json"));
        Assert.Contains("hf-eager", Assert.Throws<SettingException>(() => store.Get("tensorrt-9")).Message);
        Assert.Contains("gpt-4o-mini", Assert.Throws<SettingException>(() => ApiPriceTable.Load(null).Get("gpt-9")).Message);
    }

    /// <summary>
    /// Every Ada SM does 1,024 dense fp16 tensor FLOPs per clock against 256 FP32 FLOPs, so at one clock the tensor
    /// peak is 4x the FP32 peak. The RTX 4000 Ada sheet's tensor figure implies 1.67 GHz while its FP32 figure uses the
    /// 2.175 GHz boost; a class median over peaks defined at different clocks mixes two definitions (issue 12).
    /// </summary>
    [Fact]
    public void Ada_tensor_peaks_are_four_times_fp32_at_the_same_clock()
    {
        foreach (var id in new[] { "rtx-4000-ada", "rtx-5000-ada", "rtx-6000-ada", "l4", "l40s", "rtx-4070-ti", "rtx-4080", "rtx-4090" })
        {
            var p = Support.Catalog.Get(id).PeakTflops;
            Assert.InRange(p["fp16"] / p["fp32"], 3.9, 4.1);
        }
    }

    [Fact]
    public void Catalog_has_the_issue_devices_with_sources_dates_and_the_study_prices()
    {
        foreach (var id in new[] { "a100-sxm-40gb", "a100-sxm-80gb", "a100-pcie-40gb", "a100-pcie-80gb", "h100-sxm", "h100-pcie", "h200", "l4", "t4", "a10g", "rtx-4090", "a6000", "v100", "apple-m1", "apple-m2", "apple-m3" })
        {
            var h = Support.Catalog.Get(id);
            Assert.False(string.IsNullOrWhiteSpace(h.Source));
            Assert.Matches(@"^\d{4}", h.SourceDate);
            Assert.True(h.BandwidthGbps > 0 && h.MemoryGb > 0);
        }
        Assert.Contains(Support.Catalog.Get("a100-40gb").Prices, p => p.UsdPerHour == 1.308 && p.Provider.Contains("Colab", StringComparison.Ordinal));
        Assert.Contains(Support.Catalog.Get("t4").Prices, p => p.UsdPerHour == 0.205);
        Assert.Contains(Support.Catalog.Get("t4").Prices, p => p.UsdPerHour == 1.12 && p.Provider.Contains("g4dn.2xlarge", StringComparison.Ordinal));
        Assert.Equal("apple", Support.Catalog.Get("m2").Kind);
    }

    [Fact]
    public void Widths_of_one_arithmetic_fall_back_but_bf16_and_fp8_without_units_are_refused_with_the_numbers()
    {
        Assert.Equal((130e12, "int8"), Support.Catalog.Get("t4").PeakFlops("int8"));
        Assert.Equal((2.6e12, "fp16"), Support.Catalog.Get("apple-m1").PeakFlops("int8")); // int8 weights de-quantize to fp16
        Assert.Equal((1978.9e12, "fp8"), Support.Catalog.Get("h100-sxm").PeakFlops("fp8"));
        var t4 = Assert.Throws<SettingException>(() => Support.Catalog.Get("t4").PeakFlops("bf16"));
        Assert.Contains("'t4' has no bf16 units", t4.Message);
        Assert.Contains("fp16 65", t4.Message);
        Assert.Contains("weight_format f16", t4.Message); // the CLI names it --quant (PredictCliTests)
        Assert.Contains("no bf16", Assert.Throws<SettingException>(() => Support.Catalog.Get("v100").PeakFlops("bf16")).Message);
        var apple = Assert.Throws<SettingException>(() => Support.Catalog.Get("apple-m3-max").PeakFlops("fp8"));
        Assert.Contains("no fp8 units", apple.Message);
        Assert.Contains("fp16 16.4", apple.Message);
        Assert.Contains("no fp8", Assert.Throws<SettingException>(() => Support.Catalog.Get("a100-40gb").PeakFlops("fp8")).Message);
    }

    [Fact]
    public void User_override_file_replaces_prices_by_id_and_adds_new_hardware()
    {
        var path = Path.Combine(Support.TempDir(), "hardware.json");
        File.WriteAllText(path, """
        { "hardware": [
          { "id": "t4", "name": "T4 (my cloud)", "kind": "gpu", "memory_gb": 16, "bandwidth_gbps": 320, "peak_tflops": { "fp16": 65 },
            "source": "NVIDIA T4 datasheet", "source_date": "2019", "prices": [ { "provider": "my cloud", "usd_per_hour": 0.11, "date": "2026-11" } ] },
          { "id": "mi325x", "name": "AMD Instinct MI325X", "kind": "gpu", "memory_gb": 256, "bandwidth_gbps": 6000, "peak_tflops": { "fp16": 1307 },
            "source": "AMD MI325X datasheet", "source_date": "2024-10" } ] }
        """);
        var catalog = HardwareCatalog.Load(path);
        Assert.Equal(0.11, Assert.Single(catalog.Get("t4").Prices).UsdPerHour);
        Assert.Equal(6000, catalog.Get("mi325x").BandwidthGbps);
        Assert.Equal(path, catalog.OverridePath);
        Assert.Equal(Support.Catalog.Entries.Count + 1, catalog.Entries.Count);
    }

    [Fact]
    public void This_machine_comes_from_probe_results_and_names_missing_keys()
    {
        var env = new EnvironmentInfo { Os = "linux", CpuModel = "Test CPU", Cores = 2, MemoryBytes = 24L << 30, Runtime = ".NET", ToolVersion = "0.1.0" };
        var ex = Assert.Throws<SettingException>(() => Support.Catalog.Get("this-machine", env));
        Assert.Contains("memory_read_gbps", ex.Message);
        var probed = env with { Probe = new Dictionary<string, double> { ["memory_read_gbps"] = 19.1, ["matmul_gflops"] = 150 } };
        var hw = Support.Catalog.Get("this-machine", probed);
        Assert.Equal(19.1, hw.BandwidthGbps);
        Assert.Equal((150e9, "fp16"), hw.PeakFlops("fp16"));
        Assert.Equal(24, hw.MemoryGb);
    }
}
