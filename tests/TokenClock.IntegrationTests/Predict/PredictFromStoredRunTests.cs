using System.Text.Json;
using TokenClock.IntegrationTests.Support;

namespace TokenClock.IntegrationTests.Predict;

/// <summary>
/// `tokenclock predict --calibrate RUN` and `--against RUN` end to end on a run the real CLI measured with the
/// local micro twin.
/// </summary>
[Collection(LocalModelCollection.Name)]
public sealed class PredictFromStoredRunTests
{
    private static async Task<(int Exit, string Stdout, string Stderr)> Tokenclock(TempDir dir, params string[] args)
    {
        using var child = ChildTokenClock.Start(dir.Path, dir.Path, args);
        var exit = await child.WaitAsync(TimeSpan.FromSeconds(120));
        return (exit, child.Stdout, child.Stderr);
    }

    private static void AssertFinite(JsonElement e, string name)
    {
        var v = e.GetProperty(name).GetDouble();
        Assert.True(double.IsFinite(v), $"{name} = {v}");
    }

    [Fact]
    public async Task Calibrate_then_against_a_measured_local_run_exit_0_with_finite_errors()
    {
        using var dir = new TempDir("tc-predict");
        var db = dir.File("results.db");
        var run = await Tokenclock(dir, "run", "--backend", "local", "--model", "micro", "--prompt", "Summarize: the harbor ferry left at dawn.",
            "--max-tokens", "16", "--ignore-eos", "--requests", "6", "--warmup", "1", "--concurrency", "1", "--db", db, "--json");
        Assert.True(run.Exit == 0, $"run exit {run.Exit}\n{run.Stdout}\n{run.Stderr}");
        const string runId = "1";

        var calibrate = await Tokenclock(dir, "predict", "calibrate", runId, "--engine", "local", "--db", db, "--json");
        if (calibrate.Exit != 0)
        {
            // Six requests of one length may not pin the model down: a fit over 25% error or past a physical
            // ceiling is refused, saying why, and is stored only with --force.
            Assert.True(calibrate.Exit == 1, $"calibrate exit {calibrate.Exit}\n{calibrate.Stdout}\n{calibrate.Stderr}");
            Assert.True(calibrate.Stdout.Contains("exceeds", StringComparison.Ordinal) || calibrate.Stderr.Contains("exceeds", StringComparison.Ordinal),
                $"a refused fit must say why\n{calibrate.Stdout}\n{calibrate.Stderr}");
            calibrate = await Tokenclock(dir, "predict", "calibrate", runId, "--engine", "local", "--db", db, "--json", "--force");
            Assert.True(calibrate.Exit == 0, $"calibrate --force exit {calibrate.Exit}\n{calibrate.Stdout}\n{calibrate.Stderr}");
        }
        using (var fit = JsonDocument.Parse(calibrate.Stdout))
        {
            var root = fit.RootElement;
            Assert.Equal(6, root.GetProperty("ttft_points").GetInt32());
            Assert.Equal(6, root.GetProperty("tpot_points").GetInt32());
            AssertFinite(root, "rms_relative_error");
            var profile = root.GetProperty("profile");
            Assert.Equal("local", profile.GetProperty("name").GetString());
            Assert.True(File.Exists(root.GetProperty("stored_in").GetString()), "the fitted profile was not stored");
        }

        var against = await Tokenclock(dir, "predict", "validate", "--against", runId, "--engine", "local", "--db", db, "--json");
        Assert.True(against.Exit == 0, $"against exit {against.Exit}\n{against.Stdout}\n{against.Stderr}");
        using var report = JsonDocument.Parse(against.Stdout);
        var r = report.RootElement;
        Assert.Equal(1, r.GetProperty("run").GetInt64());
        Assert.Equal("local", r.GetProperty("engine").GetString());
        AssertFinite(r, "measured_e2e_median_ms");
        var metrics = r.GetProperty("metrics").EnumerateArray().ToList();
        Assert.Contains(metrics, m => m.GetProperty("metric").GetString()!.Equals("ttft", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(metrics, m => m.GetProperty("metric").GetString()!.Equals("tpot", StringComparison.OrdinalIgnoreCase));
        Assert.All(metrics, m =>
        {
            Assert.Equal(6, m.GetProperty("n").GetInt32());
            AssertFinite(m, "measured_median_ms");
            AssertFinite(m, "predicted_median_ms");
            AssertFinite(m, "median_abs_error_pct");
            AssertFinite(m, "median_error_pct");
            Assert.True(m.GetProperty("measured_median_ms").GetDouble() > 0);
            Assert.True(m.GetProperty("predicted_median_ms").GetDouble() > 0);
        });
    }
}
