using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Tests.Testing;
using TokenClock.Core.Backends;
using TokenClock.Tests.Support;

namespace TokenClock.Cli.Tests.Commands;

/// <summary>
/// The run output through Spectre's CommandAppTester with the scripted backend injected through the registrar (no
/// process-wide registry or console is replaced, so this class runs in parallel with others): the summary on
/// stdout, notes and verdicts on stderr, --json exactly one document on stdout.
/// </summary>
public sealed class RunOutputAppTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tc-run-out-").FullName;
    private string Db => Path.Combine(_folder, "t.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private static void Scripted(IServiceCollection services) => services.AddSingleton(new BackendRegistry().Add(new ScriptedBackendFactory()));

    private Task<CliRun> RunAsync(System.Globalization.CultureInfo culture, params string[] extra) => CliApp.RunAsync(
        ["run", "--backend", "scripted", "--model", "m", "--prompt", "hi", "--requests", "4", "--db", Db, .. extra], culture, Scripted);

    [Fact]
    public async Task The_summary_table_goes_to_stdout_and_stderr_holds_no_table()
    {
        var run = await RunAsync(CliApp.German);

        Assert.True(run.Code == ExitCodes.Ok, run.Err);
        Assert.Contains("scripted/m", run.Out, StringComparison.Ordinal);
        Assert.Contains("TTFT", run.Out, StringComparison.Ordinal);
        Assert.Contains(Db, run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("scripted/m", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("TTFT", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_is_exactly_one_document_on_stdout_with_nothing_else_on_either_stream()
    {
        var run = await RunAsync(CliApp.German, "--json");

        Assert.True(run.Code == ExitCodes.Ok, run.Err);
        using var doc = JsonDocument.Parse(run.Out); // throws on a second document or a stray line
        Assert.Equal("tokenclock.run/1", doc.RootElement.GetProperty("schema").GetString());
        Assert.Equal(4, doc.RootElement.GetProperty("series")[0].GetProperty("requests").GetInt32());
        Assert.Equal("", run.Err);
    }

    [Fact]
    public async Task A_failed_slo_puts_its_table_on_stdout_and_the_verdict_on_stderr_and_exits_3()
    {
        var run = await RunAsync(CliApp.English, "--slo", "ttft_p50<=1ms");
        var json = await RunAsync(CliApp.English, "--slo", "ttft_p50<=1ms", "--json");

        Assert.Equal(ExitCodes.SloFailed, run.Code);
        Assert.StartsWith($"SLO failed (exit {ExitCodes.SloFailed}): scripted/m: ", run.Err, StringComparison.Ordinal);
        Assert.Contains("ttft_p50", run.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.SloFailed, json.Code);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.StartsWith("SLO failed", json.Err, StringComparison.Ordinal);
    }
}
