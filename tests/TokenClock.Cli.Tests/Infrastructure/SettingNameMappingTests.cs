using System.Reflection;
using Spectre.Console.Cli;
using TokenClock.Analysis.Slo;
using TokenClock.Cli.Commands.Predict;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cluster.Coordinator;
using TokenClock.Cluster.Membership;
using TokenClock.Core.Backends;
using TokenClock.Core.Settings;
using TokenClock.Prediction;
using TokenClock.Reporting.Exporters;
using TokenClock.Storage;
using TokenClock.Tests.Support;

namespace TokenClock.Cli.Tests.Infrastructure;

/// <summary>
/// Libraries name settings by key in their errors; the CLI shows its flag for each key (issue 11). The map must name
/// real flags, cover the keys libraries declare, and reach the user through the commands that raise the errors.
/// </summary>
public sealed class SettingNameMappingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tc-keys-").FullName;


    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Every_mapped_flag_is_an_option_some_command_declares()
    {
        var declared = typeof(CliSettingNames).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .OfType<CommandOptionAttribute>()
            .SelectMany(a => a.LongNames.Select(n => "--" + n).Concat(a.ShortNames.Select(n => "-" + n)))
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(CliSettingNames.FlagOfKey.Where(p => p.Value != CliSettingNames.CalibrateCommand), pair =>
            Assert.All(pair.Value.Split('/'), flag => Assert.True(declared.Contains(flag), $"key '{pair.Key}' maps to '{flag}', which no command declares")));
    }

    [Fact]
    public async Task The_command_a_key_names_instead_of_a_flag_exists_with_the_flag_it_shows()
    {
        // 'tokenclock predict calibrate RUNS --engine NAME': the words before the argument are the command.
        var words = CliSettingNames.CalibrateCommand.Trim('\'').Split(' ');
        var help = await Testing.CliApp.RunAsync([.. words.Skip(1).TakeWhile(w => w != "RUNS"), "--help"]);

        Assert.Equal(0, help.Code);
        Assert.Contains("<RUNS|FILE>", help.Out, StringComparison.Ordinal);
        Assert.Contains("--engine", help.Out, StringComparison.Ordinal);
    }

    /// <summary>Each predict command, by its settings, and the prediction keys its library calls can raise: every one
    /// must show as an option that command declares (or as the calibrate command).</summary>
    public static TheoryData<Type, string[]> PredictKeys => new()
    {
        { typeof(PredictModelSettings), TargetKeys.Concat(WorkloadKeys).ToArray() },
        { typeof(PredictServingSettings), TargetKeys.Concat(WorkloadKeys).ToArray() },
        { typeof(PredictCalibrateSettings), TargetKeys },
        { typeof(PredictValidateSettings), TargetKeys },
    };

    private static readonly string[] TargetKeys = [PredictionSettings.Model, PredictionSettings.WeightFormat, PredictionSettings.Hardware,
        PredictionSettings.Engine, PredictionSettings.Calibration, PredictionSettings.Layers];

    private static readonly string[] WorkloadKeys = [PredictionSettings.PromptTokens, PredictionSettings.OutputTokens, PredictionSettings.Concurrency];

    [Theory]
    [MemberData(nameof(PredictKeys))]
    public void Every_prediction_key_a_predict_command_can_meet_shows_as_a_flag_of_that_command(Type settings, string[] keys)
    {
        var declared = settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .OfType<CommandOptionAttribute>()
            .SelectMany(a => a.LongNames.Select(n => "--" + n))
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(keys, key =>
        {
            var shown = CliSettingNames.FlagOf(key);
            Assert.True(declared.Contains(shown) || shown == CliSettingNames.CalibrateCommand, $"key '{key}' shows as '{shown}', which {settings.Name} does not declare");
        });
        // api_model is the one key no predict command can meet (no command looks up an API price by name).
        Assert.Equal(PredictionSettings.All.Except([PredictionSettings.ApiModel]).Order(), TargetKeys.Concat(WorkloadKeys).Order());
    }

    [Fact]
    public void Every_key_a_library_declares_has_a_flag()
    {
        string[] keys = [.. StorageSettings.All, SloFormatException.Setting, ClusterMembership.Key, ClockOffsetException.Setting,
            ReportOverwriteException.Output, ReportOverwriteException.Force,
            .. PredictionSettings.All.Except([PredictionSettings.ApiModel, PredictionSettings.Calibration])];
        Assert.All(keys, key => Assert.StartsWith("-", CliSettingNames.FlagOf(key), StringComparison.Ordinal));
        Assert.Equal("no_such_key", CliSettingNames.FlagOf("no_such_key")); // an unmapped key keeps its neutral name
    }

    [Fact]
    public void A_typed_error_is_shown_with_the_flag_and_other_errors_as_they_are()
    {
        var typed = new SettingStateException("chunk_tokens", n => $"lower {n("chunk_tokens")}");
        Assert.Equal("lower chunk_tokens", typed.Message);
        Assert.Equal("lower --chunk-tokens", CliSettingNames.Describe(typed));
        Assert.Equal("plain", CliSettingNames.Describe(new InvalidOperationException("plain")));
    }

    [Fact]
    public async Task A_storage_error_names_the_db_flag()
    {
        var (code, _, err) = await CliHarness.RunScriptedAsync(["runs", "--db", _dir]);

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains($"--db '{_dir}' is a folder, not a file; pass a file name, e.g. --db '{Path.Combine(_dir, "tokenclock.db")}'", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_slo_error_names_the_slo_flag_and_from_a_spec_the_field()
    {
        var (code, _, err) = await CliHarness.RunScriptedAsync(["capacity", "--slo", "ttft_p99<=1", "--backend", "openai-compatible", "--model", "m", "--prompt", "hi", "--db", Path.Combine(_dir, "r.db")]);
        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains("--slo 'ttft_p99<=1': '1' has no unit", err, StringComparison.Ordinal);

        var spec = Path.Combine(_dir, "s.yaml");
        await File.WriteAllTextAsync(spec, "prompt: hi\nbackends: [{ kind: scripted, model: m }]\nslo: ttft_p99<=1\n");
        var (specCode, _, specErr) = await CliHarness.RunScriptedAsync(["run", spec, "--db", Path.Combine(_dir, "r.db")]);
        Assert.Equal(ExitCodes.BadUsage, specCode);
        Assert.Contains("slo (in the spec) 'ttft_p99<=1': '1' has no unit", specErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spec_problem_names_flags_when_the_fields_came_from_flags_and_fields_when_from_a_file()
    {
        var db = Path.Combine(_dir, "r.db");
        var (code, _, err) = await CliHarness.RunScriptedAsync(["run", "--backend", "scripted", "--model", "m", "--prompt", "hi", "--min-tokens", "500", "--db", db]);
        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains("--min-tokens: '500' is more than --max-tokens (128)", err, StringComparison.Ordinal);

        var spec = Path.Combine(_dir, "s.yaml");
        await File.WriteAllTextAsync(spec, "prompt: hi\nbackends: [{ kind: scripted, model: m }]\nmin_tokens: 500\n");
        var (specCode, _, specErr) = await CliHarness.RunScriptedAsync(["run", spec, "--db", db]);
        Assert.Equal(ExitCodes.BadUsage, specCode);
        Assert.Contains("min_tokens: '500' is more than max_tokens (128)", specErr, StringComparison.Ordinal);
        Assert.False(File.Exists(db), "nothing is stored for a refused spec");
    }

    [Fact]
    public async Task A_cluster_membership_error_names_the_cluster_flag()
    {
        var (code, _, err) = await CliHarness.RunScriptedAsync(["run", "--backend", "scripted", "--model", "m", "--prompt", "hi", "--cluster", "zookeeper:1", "--db", Path.Combine(_dir, "r.db")]);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains("--cluster 'zookeeper:1' is not a membership this tool knows", err, StringComparison.Ordinal);
    }
}
