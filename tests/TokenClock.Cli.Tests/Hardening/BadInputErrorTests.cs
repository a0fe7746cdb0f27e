using System.Diagnostics;
using TokenClock.Cli.Infrastructure;
using TokenClock.Local.Twins;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Cli.Tests.Hardening;

/// <summary>Bad values and files from issue 10: each error names the value, the limit and a fix, and nothing starts.</summary>
public sealed class BadInputErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tc-bad-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Theory]
    [InlineData("--requests", "99999999999", "out of range", "2147483647")]
    [InlineData("--requests", "abc", "is not a whole number", "2147483647")]
    [InlineData("--requests", "2.5", "is not a whole number", "2147483647")]
    public async Task A_numeric_option_out_of_its_type_names_the_option_the_value_and_the_range(string option, string value, string problem, string limit)
    {
        var (code, _, err) = await CliHarness.RunAsync(["run", "--backend", "openai-compatible", "--base-url", "http://127.0.0.1:9/v1", "--model", "m", option, value]);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains($"{option} '{value}'", err, StringComparison.Ordinal);
        Assert.Contains(problem, err, StringComparison.Ordinal);
        Assert.Contains(limit, err, StringComparison.Ordinal);
        Assert.DoesNotContain("Nullable", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_equals_form_of_an_option_is_named_too()
    {
        var (code, _, err) = await CliHarness.RunAsync(["serve", "--simulate", "--port=99999999999"]);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains("--port '99999999999' is out of range", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summarize_dev_zero_is_refused_after_a_bounded_read()
    {
        if (!File.Exists("/dev/zero")) return;
        var watch = Stopwatch.StartNew();
        var before = Process.GetCurrentProcess().PeakWorkingSet64;

        var (code, _, err) = await CliHarness.RunAsync(["summarize", "/dev/zero", "--backend", "openai-compatible", "--base-url", "http://127.0.0.1:9/v1", "--model", "m", "--db", Path.Combine(_dir, "r.db")]);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains("FILE '/dev/zero'", err, StringComparison.Ordinal);
        Assert.Contains("16777216 bytes", err, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.False(File.Exists(Path.Combine(_dir, "r.db")), "nothing is stored for a refused input");
    }

    [Fact]
    public async Task Summarize_a_binary_file_names_the_nul_byte()
    {
        var file = Path.Combine(_dir, "image.bin");
        await File.WriteAllBytesAsync(file, [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]);

        var (code, _, err) = await CliHarness.RunAsync(["summarize", file, "--backend", "openai-compatible", "--base-url", "http://127.0.0.1:9/v1", "--model", "m", "--db", Path.Combine(_dir, "r.db")]);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains("NUL byte at offset 4", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_info_on_a_directory_says_so_and_lists_what_it_holds()
    {
        await File.WriteAllBytesAsync(Path.Combine(_dir, "a.gguf"), [1]);

        var (code, _, err) = await CliHarness.RunAsync(["model", "info", _dir]);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains("is a directory; give a .gguf file", err, StringComparison.Ordinal);
        Assert.Contains("a.gguf", err, StringComparison.Ordinal);
        Assert.DoesNotContain("denied", err, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("serve --simulate --ttft-std-ms 50", "--ttft-std-ms 50 has no effect")]
    [InlineData("serve --simulate --distribution fixed --tpot-std-ms 5", "--tpot-std-ms 5 has no effect")]
    [InlineData("serve --simulate --threads 2", "--threads applies only to --model")]
    [InlineData("serve --model micro --seed 3", "--seed applies only to --simulate")]
    [InlineData("serve --model micro --ttft-ms 100", "--ttft-ms applies only to --simulate")]
    [InlineData("serve --model micro --fault 429=0.1", "--fault applies only to --simulate")]
    public async Task A_serve_option_without_effect_is_an_error_naming_it(string args, string expected)
    {
        var (code, _, err) = await CliHarness.RunAsync(args.Split(' '));

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_with_a_truncated_model_exits_before_listening_naming_the_problem()
    {
        var model = Path.Combine(_dir, "micro.gguf");
        TwinSynthesizer.Synthesize(new TwinSpec(ShapeCatalog.Get("micro").WithLayers(1), TwinFormat.F16, TwinVocabularyKind.Bytes), model);
        var bytes = await File.ReadAllBytesAsync(model);
        await File.WriteAllBytesAsync(model, bytes[..(bytes.Length * 2 / 3)]);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var (code, _, err) = await CliHarness.RunAsync(["serve", "--model", model, "--port", "0"], cts.Token);

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains($"--model '{model}' cannot be served", err, StringComparison.Ordinal);
        Assert.Contains("truncated", err, StringComparison.Ordinal);
        Assert.DoesNotContain("listening on", err, StringComparison.Ordinal);
    }
}
