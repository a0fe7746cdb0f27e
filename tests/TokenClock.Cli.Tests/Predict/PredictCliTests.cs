using System.Diagnostics;
using System.Text.Json;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Processes;

namespace TokenClock.Cli.Tests.Predict;

/// <summary>Runs the real tokenclock executable in a child process (its own console and TOKENCLOCK_HOME).</summary>
public sealed class PredictCliTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "tc-predict-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_home)) Directory.Delete(_home, recursive: true);
    }

    private (int Exit, string Out, string Err) Run(params string[] args)
    {
        var dll = Path.ChangeExtension(typeof(TokenClockApp).Assembly.Location, ".dll");
        var psi = SelfLaunch.Assembly(dll, args).StartInfo(redirectInput: false, watchParent: false);
        psi.Environment["TOKENCLOCK_HOME"] = _home;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException("tokenclock did not exit in 120 s"); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Predict_json_is_one_document_with_latency_memory_and_the_study_price()
    {
        var (exit, stdout, _) = Run("predict", "model", "--model", "llama-2-7b", "--hardware", "a100-40gb", "--engine", "llama.cpp-gpu", "--prompt", "2000", "--output", "300", "--json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        var p = doc.RootElement.GetProperty("prediction");
        Assert.True(p.GetProperty("ttft_ms").GetDouble() > 0);
        Assert.True(p.GetProperty("e2e_ms").GetDouble() > p.GetProperty("ttft_ms").GetDouble());
        Assert.Equal("llama.cpp-gpu", p.GetProperty("engine").GetString());
        Assert.True(p.GetProperty("memory").GetProperty("fits").GetBoolean());
        Assert.Contains(p.GetProperty("costs").EnumerateArray(), c => c.GetProperty("usd_per_hour").GetDouble() == 1.308);
        Assert.NotEmpty(doc.RootElement.GetProperty("api_costs").EnumerateArray());
    }

    [Fact]
    public void Unknown_hardware_exits_2_and_lists_the_known_ids()
    {
        var (exit, _, stderr) = Run("predict", "model", "--model", "llama-2-7b", "--hardware", "b300");
        Assert.Equal(ExitCodes.BadUsage, exit);
        Assert.Contains("'b300'", stderr);
        Assert.Contains("h100-sxm", stderr);
    }

    [Fact]
    public void A_model_that_does_not_fit_says_so_with_the_numbers()
    {
        var (exit, stdout, _) = Run("predict", "model", "--model", "llama-2-70b", "--hardware", "t4", "--quant", "f16");
        Assert.Equal(0, exit);
        Assert.Contains("DOES NOT FIT: needs", stdout);
        Assert.Contains("15.7 GiB usable", stdout); // 16 GiB x 0.98
        Assert.Contains("weights 128.5 GiB", stdout); // 137.95e9 bytes
    }

    [Fact]
    public void Calibrating_from_a_measurements_file_stores_a_profile_that_later_predictions_name()
    {
        Directory.CreateDirectory(_home);
        var file = Path.Combine(_home, "m.json");
        File.WriteAllText(file, """
        { "schema": "tokenclock.measurements/1", "hardware": "this-machine", "probe": {"memory_read_gbps": 19.1, "matmul_gflops": 150}, "memory_gb": 24,
          "points": [
           {"model": "llama-2-7b", "layers": 4, "format": "f16", "prompt": 200, "output": 32, "ttft_ms": 1800, "tpot_ms": 150},
           {"model": "llama-2-7b", "layers": 4, "format": "q8_0", "prompt": 200, "output": 32, "ttft_ms": 1500, "tpot_ms": 98},
           {"model": "tiny", "format": "f16", "prompt": 200, "output": 32, "ttft_ms": 14, "tpot_ms": 3} ] }
        """);
        var (exit, _, err) = Run("predict", "calibrate", file, "--engine", "twin-cpu");
        Assert.True(exit == 0, err);
        Assert.True(File.Exists(Path.Combine(_home, "engine-profiles.json")));

        var (exit2, stdout, _) = Run("predict", "model", "--model", "tiny", "--hardware", "apple-m2", "--engine", "twin-cpu", "--prompt", "100", "--output", "10", "--json");
        Assert.Equal(0, exit2);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("twin-cpu", doc.RootElement.GetProperty("prediction").GetProperty("engine").GetString());
        Assert.Contains("m.json", doc.RootElement.GetProperty("prediction").GetProperty("engine_source").GetString());
    }

    [Fact]
    public void Llama_3_8b_f16_fits_the_16_GiB_RTX_4080_it_ran_on()
    {
        var (exit, stdout, err) = Run("predict", "model", "--model", "llama-3-8b", "--hardware", "rtx-4080", "--quant", "f16", "--prompt", "512", "--output", "128");
        Assert.True(exit == 0, err);
        Assert.Contains("  fits: ", stdout);
        Assert.Contains("llama.cpp-gpu' v2 (calibrated)", stdout);
        Assert.Contains("consumer-gddr efficiencies", stdout);
    }

    [Fact]
    public void A_catalog_cpu_uses_its_fitted_class_and_a_classless_cpu_is_labelled_estimated()
    {
        var (exit, stdout, err) = Run("predict", "model", "--model", "llama-3.1-8b", "--hardware", "epyc-9654", "--quant", "q4_k_m", "--prompt", "512", "--output", "128");
        Assert.True(exit == 0, err);
        Assert.Contains("'llama.cpp' v2 (calibrated)", stdout);
        Assert.Contains("server-cpu efficiencies", stdout);

        Directory.CreateDirectory(_home);
        File.WriteAllText(Path.Combine(_home, "hardware.json"), """
            { "schema": "tokenclock.hardware/1", "hardware": [ { "id": "my-box", "name": "My box", "kind": "cpu", "memory_gb": 64,
              "bandwidth_gbps": 50, "peak_tflops": { "fp32": 1, "fp16": 1 }, "source": "test", "source_date": "2026-12" } ] }
            """);
        var (exit2, stdout2, err2) = Run("predict", "model", "--model", "llama-3.1-8b", "--hardware", "my-box", "--quant", "q4_k_m", "--prompt", "512", "--output", "128");
        Assert.True(exit2 == 0, err2);
        Assert.Contains("'llama.cpp' v2 (estimated on this device: no fitted class)", stdout2);
        Assert.DoesNotContain("cpu efficiencies", stdout2);
    }

    [Fact]
    public void A_prompt_beyond_the_context_exits_2_with_the_numbers()
    {
        var (exit, _, stderr) = Run("predict", "model", "--model", "llama-2-7b", "--prompt", "8000");
        Assert.Equal(ExitCodes.BadUsage, exit);
        Assert.Contains("8300 tokens exceed the context of llama-2-7b (4096 tokens)", stderr);
    }

    [Fact]
    public void Settings_the_library_refuses_by_key_are_named_by_their_flags()
    {
        var (exit, _, stderr) = Run("predict", "model", "--model", "llama-2-7b", "--prompt", "0");
        var (exit2, _, stderr2) = Run("predict", "model", "--model", "llama-2-7b", "--engine", "no-such-engine");

        Assert.Equal((ExitCodes.BadUsage, ExitCodes.BadUsage), (exit, exit2));
        Assert.Contains("--prompt is 0; it must be at least 1", stderr);
        Assert.DoesNotContain("prompt_tokens", stderr);
        Assert.Contains("Unknown engine profile 'no-such-engine'", stderr2);
        Assert.Contains("'tokenclock predict calibrate RUNS --engine NAME'", stderr2);
        Assert.DoesNotContain("(Parameter", stderr2);
    }

    [Fact]
    public void Bf16_on_a_T4_exits_2_naming_what_the_card_has()
    {
        var (exit, _, stderr) = Run("predict", "model", "--model", "llama-2-7b", "--hardware", "t4", "--quant", "bf16", "--prompt", "100", "--output", "10");
        Assert.Equal(ExitCodes.BadUsage, exit);
        Assert.Contains("'t4' has no bf16 units", stderr);
        Assert.Contains("fp16 65", stderr);
        Assert.Contains("--quant f16", stderr);
    }

    [Fact]
    public void A_workload_that_does_not_fit_prints_no_cost()
    {
        var (exit, stdout, _) = Run("predict", "model", "--model", "llama-2-7b", "--hardware", "a100-40gb", "--concurrency", "5000");
        Assert.Equal(0, exit);
        Assert.Contains("DOES NOT FIT", stdout);
        Assert.Contains("cost: none: the workload does not fit", stdout);
        Assert.DoesNotContain("per 1,000 summaries\ncost", stdout);
        Assert.DoesNotContain("$1.308/h", stdout);
    }

    [Fact]
    public void Engine_hf_names_its_attention_and_attention_on_another_engine_is_refused()
    {
        var (exit, stdout, err) = Run("predict", "model", "--model", "llama-2-7b", "--hardware", "h100-sxm", "--engine", "hf", "--prompt", "100", "--output", "10");
        Assert.True(exit == 0, err);
        Assert.Contains("engine profile 'hf-sdpa' v2 (calibrated)", stdout);
        var (exit2, _, stderr2) = Run("predict", "model", "--model", "llama-2-7b", "--engine", "vllm", "--attention", "eager");
        Assert.Equal(ExitCodes.BadUsage, exit2);
        Assert.Contains("--attention eager applies only to --engine hf", stderr2);
    }

    [Fact]
    public void A_calibration_beyond_the_physical_ceiling_is_refused_unless_forced()
    {
        Directory.CreateDirectory(_home);
        var file = Path.Combine(_home, "bad.json");
        // 7B f16 decode in 1 ms on an H100 would read 13.5 GB at 13.5 TB/s: four times the card's bandwidth.
        File.WriteAllText(file, """
        { "schema": "tokenclock.measurements/1", "hardware": "h100-sxm",
          "points": [
           {"model": "llama-2-7b", "format": "f16", "prompt": 200, "output": 32, "ttft_ms": 3, "tpot_ms": 1.0},
           {"model": "llama-2-7b", "format": "f16", "prompt": 1000, "output": 32, "ttft_ms": 9, "tpot_ms": 1.1},
           {"model": "llama-2-13b", "format": "f16", "prompt": 500, "output": 32, "ttft_ms": 30, "tpot_ms": 1.9} ] }
        """);
        var (exit, stdout, _) = Run("predict", "calibrate", file, "--engine", "llama.cpp-gpu");
        Assert.Equal(ExitCodes.Error, exit);
        Assert.Contains("REFUSED: ", stdout);
        Assert.Contains("95% intervals", stdout);
        Assert.Contains("not stored", stdout);
        Assert.False(File.Exists(Path.Combine(_home, "engine-profiles.json")));

        var (exit2, stdout2, err2) = Run("predict", "calibrate", file, "--engine", "llama.cpp-gpu", "--force");
        Assert.True(exit2 == 0, err2);
        Assert.Contains("stored as 'llama.cpp-gpu' v3", stdout2);
        var (_, stdout3, _) = Run("predict", "model", "--model", "llama-2-7b", "--hardware", "h100-sxm", "--prompt", "100", "--output", "10");
        Assert.Contains("'llama.cpp-gpu' v3 (calibrated)", stdout3);
        Assert.Contains("--force despite", stdout3);
    }

    [Fact]
    public void Prices_warn_when_older_than_six_months_and_an_update_file_replaces_them()
    {
        var (exit, stdout, _) = Run("predict", "prices");
        Assert.Equal(0, exit);
        Assert.Contains("WARNING", stdout);
        Assert.Contains("older than 6 months", stdout);

        Directory.CreateDirectory(_home);
        var update = Path.Combine(_home, "update.json");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(update, "{ \"schema\": \"tokenclock.price-update/1\", \"api\": [ { \"provider\": \"openai\", \"model\": \"gpt-4o-mini\", \"usd_per_million_input\": 0.1, \"usd_per_million_output\": 0.4, \"date\": \"" + today + "\" } ], " +
            "\"hardware\": [ { \"id\": \"h200\", \"prices\": [ { \"provider\": \"test cloud\", \"usd_per_hour\": 2.5, \"date\": \"" + today + "\" } ] } ] }");
        var (exit2, stdout2, err2) = Run("predict", "prices", "--update", update);
        Assert.True(exit2 == 0, err2);
        Assert.Contains("updated", stdout2);
        var (_, stdout3, _) = Run("predict", "prices", "--json");
        using var doc = JsonDocument.Parse(stdout3);
        Assert.Contains(doc.RootElement.GetProperty("api").EnumerateArray(), p => p.GetProperty("model").GetString() == "gpt-4o-mini" && p.GetProperty("usd_per_million_input").GetDouble() == 0.1);
        Assert.Contains(doc.RootElement.GetProperty("hardware").EnumerateArray(), h => h.GetProperty("id").GetString() == "h200"
            && h.GetProperty("prices").EnumerateArray().Any(p => p.GetProperty("usd_per_hour").GetDouble() == 2.5));
    }

    [Fact]
    public void Serving_prints_the_rate_curve_the_client_sweep_and_the_largest_rate_meeting_the_slo()
    {
        var (exit, stdout, err) = Run("predict", "serving", "--model", "llama-2-7b", "--hardware", "h100-sxm", "--engine", "vllm",
            "--prompt", "512", "--output", "128", "--slo-ttft", "500", "--slo-tpot", "40", "--json");
        Assert.True(exit == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var open = doc.RootElement.GetProperty("open_loop").EnumerateArray().ToList();
        Assert.True(open.Count >= 3);
        Assert.False(open[^1].GetProperty("stable").GetBoolean()); // the default sweep runs to saturation
        Assert.Equal(6, doc.RootElement.GetProperty("closed_loop").GetArrayLength());
        var max = doc.RootElement.GetProperty("max_rate_per_second").GetDouble();
        Assert.True(max > 0);
        Assert.True(doc.RootElement.GetProperty("at_max_rate").GetProperty("tpot_ms").GetDouble() <= 40);
    }

    [Fact]
    public void Old_predict_spelling_keeps_its_meaning_and_old_modes_are_refused_with_the_new_command()
    {
        var (exitNew, stdoutNew, _) = Run("predict", "model", "--model", "llama-2-7b", "--hardware", "a100-40gb", "--json");
        var (exitOld, stdoutOld, _) = Run("predict", "--model", "llama-2-7b", "--hardware", "a100-40gb", "--json");
        Assert.Equal(ExitCodes.Ok, exitNew);
        Assert.Equal(ExitCodes.Ok, exitOld);
        Assert.Equal(stdoutNew, stdoutOld);

        var (exitCal, _, errCal) = Run("predict", "--calibrate", "12", "--engine", "local");
        Assert.Equal(ExitCodes.BadUsage, exitCal);
        Assert.Contains("'predict --calibrate'", errCal, StringComparison.Ordinal);
        Assert.Contains("tokenclock predict calibrate RUNS", errCal, StringComparison.Ordinal);

        var (exitAgainst, _, errAgainst) = Run("predict", "--against", "12");
        Assert.Equal(ExitCodes.BadUsage, exitAgainst);
        Assert.Contains("predict validate --against RUN", errAgainst, StringComparison.Ordinal);
    }
}
