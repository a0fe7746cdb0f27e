using System.Diagnostics;
using System.Text.Json;
using TokenClock.Cli.Commands.Run;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Backends;
using TokenClock.Core.Experiments;
using TokenClock.Tests.Support;

namespace TokenClock.Cli.Tests.Commands;

public sealed class RunWaitLimitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-cli-").FullName;


    private string Db => Path.Combine(_folder, "t.db");

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    [Fact]
    public async Task First_byte_timeout_flag_takes_effect_and_is_reported_by_class()
    {
        var spec = Path.Combine(_folder, "slow.yaml");
        await File.WriteAllTextAsync(spec, "prompt: hi\nrequests: 1\nbackends: [{ kind: scripted, model: m, settings: { ttft_ms: 30000 } }]\n");
        var watch = Stopwatch.StartNew();

        var (code, stdout, stderr) = await CliHarness.RunScriptedAsync(["run", spec, "--first-byte-timeout", "300ms", "--db", Db, "--json"]);

        Assert.Equal(1, code);
        Assert.Contains("first error: timeout_first_byte", stderr, StringComparison.Ordinal);
        Assert.Equal(1, JsonDocument.Parse(stdout).RootElement.GetProperty("series")[0].GetProperty("errors").GetProperty("timeout_first_byte").GetInt32());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("--idle-timeout 0s", "--idle-timeout: '0s' is not a duration")]
    [InlineData("--first-byte-timeout 20m", "--first-byte-timeout: '1200s' is longer than timeout (600s)")]
    [InlineData("--timeout 5s --connect-timeout 10s", "--connect-timeout: '10s' is longer than timeout (5s)")]
    public async Task Bad_wait_limits_exit_2_naming_the_flag(string args, string expected)
    {
        var (code, _, stderr) = await CliHarness.RunScriptedAsync(["run", "--backend", "scripted", "--model", "m", "--prompt", "hi", .. args.Split(' '), "--db", Db]);

        Assert.Equal(2, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_terminal_a_progress_line_appears_while_nothing_has_finished()
    {
        var err = new StringWriter();
        var run = Task.Delay(3_000);

        await RunCommand.PlainProgressAsync(err, run, new LatestProgress(), TimeSpan.FromMilliseconds(100));

        Assert.Contains("run: no request finished yet", err.ToString(), StringComparison.Ordinal);
        Assert.True(err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 2, err.ToString());
    }

    [Fact]
    public void The_progress_interval_is_ten_seconds() => Assert.Equal(TimeSpan.FromSeconds(10), RunCommand.ProgressInterval);
}
