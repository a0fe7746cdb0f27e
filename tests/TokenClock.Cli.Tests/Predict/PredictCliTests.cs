using System.Diagnostics;
using System.Text.Json;
using TokenClock.Cli.Infrastructure;

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
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
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
        var (exit, stdout, _) = Run("predict", "--model", "llama-2-7b", "--hardware", "a100-40gb", "--engine", "llama.cpp-gpu", "--prompt", "2000", "--output", "300", "--json");
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
        var (exit, _, stderr) = Run("predict", "--model", "llama-2-7b", "--hardware", "b200");
        Assert.Equal(ExitCodes.BadUsage, exit);
        Assert.Contains("'b200'", stderr);
        Assert.Contains("h100-sxm", stderr);
    }

    [Fact]
    public void A_model_that_does_not_fit_says_so_with_the_numbers()
    {
        var (exit, stdout, _) = Run("predict", "--model", "llama-2-70b", "--hardware", "t4", "--quant", "f16");
        Assert.Equal(0, exit);
        Assert.Contains("DOES NOT FIT: needs", stdout);
        Assert.Contains("14.4 GB usable", stdout);
        Assert.Contains("weights 138.0 GB", stdout);
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
        var (exit, _, err) = Run("predict", "--calibrate", file, "--engine", "twin-cpu");
        Assert.True(exit == 0, err);
        Assert.True(File.Exists(Path.Combine(_home, "engine-profiles.json")));

        var (exit2, stdout, _) = Run("predict", "--model", "tiny", "--hardware", "apple-m2", "--engine", "twin-cpu", "--prompt", "100", "--output", "10", "--json");
        Assert.Equal(0, exit2);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("twin-cpu", doc.RootElement.GetProperty("prediction").GetProperty("engine").GetString());
        Assert.Contains("m.json", doc.RootElement.GetProperty("prediction").GetProperty("engine_source").GetString());
    }
}
