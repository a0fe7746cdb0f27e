using System.Text.Json;
using TokenClock.Analysis.Synthetic;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Tests.Testing;
using TokenClock.Prediction.Data;

namespace TokenClock.Cli.Tests.Predict;

/// <summary>
/// <c>predict model|serving|calibrate|validate</c> through Spectre's CommandAppTester (consoles injected, nothing
/// process-wide swapped). Predictions are deterministic: the text is identical under de-DE and en-US and equal to
/// the snapshot; --json is exactly one document on stdout; nothing but results goes to stdout.
/// </summary>
public sealed class PredictAppTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tc-predict-app-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Scrub(string text) => text.Replace(PredictionHome.Directory, "<home>", StringComparison.Ordinal);

    [Theory]
    [InlineData("predict model --model llama-2-7b --hardware a100-40gb --engine llama.cpp-gpu --prompt 2000 --output 300", "predict-model")]
    [InlineData("predict model --model llama-2-70b --hardware t4 --quant f16", "predict-model-does-not-fit")]
    [InlineData("predict serving --model llama-2-7b --hardware h100-sxm --engine vllm", "predict-serving")]
    [InlineData("predict validate", "predict-validate")]
    [InlineData("predict validate --predict h100", "predict-validate-h100")]
    public async Task Predictions_are_the_same_under_de_DE_and_en_US_and_match_the_snapshot(string command, string snapshot)
    {
        var run = await CliApp.SameUnderBothCulturesAsync(command.Split(' '));

        Assert.True(run.Code == ExitCodes.Ok, run.Err);
        Assert.Equal("", run.Err);
        Snapshot.Match(Scrub(run.Out), snapshot);
    }

    [Theory]
    [InlineData("predict model --model llama-2-7b --hardware a100-40gb --engine llama.cpp-gpu --json", "predict-model-json")]
    [InlineData("predict serving --model llama-2-7b --hardware h100-sxm --engine vllm --rates 1,4 --clients 1,8 --json", "predict-serving-json")]
    [InlineData("predict validate --json", "predict-validate-json")]
    public async Task Json_is_exactly_one_document_on_stdout_and_matches_the_snapshot(string command, string snapshot)
    {
        var run = await CliApp.SameUnderBothCulturesAsync(command.Split(' '));

        Assert.True(run.Code == ExitCodes.Ok, run.Err);
        Assert.Equal("", run.Err);
        using var doc = JsonDocument.Parse(run.Out); // throws on a second document or stray text
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        Snapshot.Match(Scrub(run.Out), snapshot);
    }

    [Fact]
    public async Task A_calibration_beyond_the_physical_ceiling_prints_its_intervals_and_refusal_on_stdout_and_stores_nothing()
    {
        var file = Path.Combine(_folder, "bad.json");
        // 7B f16 decode in 1 ms on an H100 would read 13.5 GB at 13.5 TB/s: four times the card's bandwidth.
        await File.WriteAllTextAsync(file, """
        { "schema": "tokenclock.measurements/1", "hardware": "h100-sxm",
          "points": [
           {"model": "llama-2-7b", "format": "f16", "prompt": 200, "output": 32, "ttft_ms": 3, "tpot_ms": 1.0},
           {"model": "llama-2-7b", "format": "f16", "prompt": 1000, "output": 32, "ttft_ms": 9, "tpot_ms": 1.1},
           {"model": "llama-2-13b", "format": "f16", "prompt": 500, "output": 32, "ttft_ms": 30, "tpot_ms": 1.9} ] }
        """);
        var profiles = Path.Combine(PredictionHome.Directory, "engine-profiles.json");
        var before = File.Exists(profiles) ? await File.ReadAllTextAsync(profiles) : null;

        var run = await CliApp.SameUnderBothCulturesAsync(["predict", "calibrate", file, "--engine", "llama.cpp-gpu"]);

        Assert.Equal(ExitCodes.Error, run.Code);
        Assert.Equal("", run.Err);
        Assert.StartsWith("fitted 'llama.cpp-gpu' from 3 TTFT and 3 TPOT values", run.Out, StringComparison.Ordinal);
        Assert.Contains("95% intervals (", run.Out, StringComparison.Ordinal);
        Assert.Contains("EXCEEDED", run.Out, StringComparison.Ordinal);
        Assert.Contains("  REFUSED: ", run.Out, StringComparison.Ordinal);
        Assert.Contains("not stored: predictions with --engine llama.cpp-gpu keep profile", run.Out, StringComparison.Ordinal);
        Assert.Equal(before, File.Exists(profiles) ? await File.ReadAllTextAsync(profiles) : null);

        var json = await CliApp.RunAsync(["predict", "calibrate", file, "--engine", "llama.cpp-gpu", "--json"]);
        Assert.Equal(ExitCodes.Error, json.Code);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.False(doc.RootElement.GetProperty("accepted").GetBoolean());
        Assert.False(doc.RootElement.GetProperty("stored").GetBoolean());
        Assert.NotEmpty(doc.RootElement.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task Validate_against_a_stored_run_compares_its_medians_with_the_prediction()
    {
        var db = Path.Combine(_folder, "t.db");
        await SeededRuns.WriteAsync(db, "measured", new SyntheticSeries { Backend = "b", Model = "m", TtftMs = 150, PerTokenMs = 20, NoiseMs = 2 }, 30, seed: 7);
        string[] args = ["predict", "validate", "--against", "latest", "--db", db, "--model", "tinyllama-1.1b", "--hardware", "a100-40gb", "--engine", "llama.cpp-gpu"];

        var run = await CliApp.SameUnderBothCulturesAsync(args);
        var json = await CliApp.RunAsync([.. args, "--json"]);

        Assert.True(run.Code == ExitCodes.Ok, run.Err);
        Assert.StartsWith("run 1: ", run.Out, StringComparison.Ordinal);
        Assert.Contains("against profile 'llama.cpp-gpu'", run.Out, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal(1, doc.RootElement.GetProperty("run").GetInt64());
        var ttft = doc.RootElement.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "ttft");
        // The generator's TTFT is 150 ms plus noise of 2 ms: the measured median the command reports is that.
        var median = ttft.GetProperty("measured_median_ms").GetDouble();
        Assert.InRange(median, 140, 160);
        Assert.Contains($"  ttft  measured p50 {median.ToString("F2", System.Globalization.CultureInfo.InvariantCulture),9} ms", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--prompt 0", "--prompt is 0; it must be at least 1", "prompt_tokens")]
    [InlineData("--output 0", "--output is 0; it must be at least 1", "output_tokens")]
    [InlineData("--concurrency 0", "--concurrency is 0; it must be at least 1", "concurrency")]
    [InlineData("--engine no-such-engine", "create one with 'tokenclock predict calibrate RUNS --engine NAME'", "calibration")]
    [InlineData("--layers 99", "--layers must be between 1 and 32", "layers")]
    public async Task A_setting_the_library_refuses_by_key_is_named_by_its_flag_on_stderr(string flags, string expected, string key)
    {
        var run = await CliApp.RunAsync(["predict", "model", "--model", "llama-2-7b", .. flags.Split(' ')]);

        Assert.Equal(ExitCodes.BadUsage, run.Code);
        Assert.Equal("", run.Out);
        Assert.Contains(expected, run.Err, StringComparison.Ordinal);
        Assert.DoesNotMatch($@"(?<![-\w]){key}(?!\w)", run.Err); // the neutral key itself is never shown
    }
}
