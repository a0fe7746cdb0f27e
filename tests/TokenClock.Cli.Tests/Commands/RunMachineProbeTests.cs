using System.Text.Json;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Tests.Support;
using TokenClock.Core.Results;
using TokenClock.Local.Engine;
using TokenClock.Storage;

namespace TokenClock.Cli.Tests.Commands;

/// <summary>
/// Issue 9 §5: a run against a server must not measure the machine probe (a 256 MiB array and seconds of CPU) in
/// the measuring process; that was the 341 MB mode of a 300-request run's peak RSS. And the cache must keep one entry
/// per machine key, so a run pinned to one core and an unpinned one do not evict (and re-probe) each other.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class RunMachineProbeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenclock-probe-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_run_against_a_server_stores_no_probe_and_does_not_measure_one()
    {
        await using var server = RecordingChatServer.Start();
        var home = Path.Combine(_folder, "home");
        var db = Path.Combine(_folder, "r.db");
        var old = Environment.GetEnvironmentVariable(LocalModelCache.HomeVariable);
        Environment.SetEnvironmentVariable(LocalModelCache.HomeVariable, home);
        try
        {
            var (code, stdout, stderr) = await CliHarness.RunAsync(
                ["run", "--backend", "openai-compatible", "--base-url", server.BaseUrl, "--model", "m", "--prompt", "hi",
                 "--requests", "2", "--db", db, "--json"]);

            Assert.True(code == 0, stderr);
            Assert.False(File.Exists(Path.Combine(home, "probe.json")), "the run measured the machine probe in process");
            await using var store = await SqliteRunStore.OpenAsync(db);
            var run = Assert.Single(await store.ListRunsAsync());
            Assert.Empty(run.Info.Environment.Probe);
            Assert.Equal(2, JsonDocument.Parse(stdout).RootElement.GetProperty("series")[0].GetProperty("requests").GetInt32());
        }
        finally
        {
            Environment.SetEnvironmentVariable(LocalModelCache.HomeVariable, old);
        }
    }

    [Fact]
    public void The_probe_cache_keeps_an_entry_per_machine_key_and_reads_the_older_one_entry_file()
    {
        var home = Path.Combine(_folder, "home2");
        Directory.CreateDirectory(home);
        var old = Environment.GetEnvironmentVariable(LocalModelCache.HomeVariable);
        Environment.SetEnvironmentVariable(LocalModelCache.HomeVariable, home);
        try
        {
            var here = EnvironmentInfo.Capture();
            // The one-entry form written before, for this machine: still read.
            File.WriteAllText(Path.Combine(home, "probe.json"), JsonSerializer.Serialize(new
            {
                Machine = Key(here), MeasuredUtc = DateTimeOffset.UtcNow, Probe = new Dictionary<string, double> { ["memory_read_gbps"] = 7.5 },
            }));
            Assert.Equal(7.5, CliEnvironment.Capture(probeIfMissing: false, TextWriter.Null).Probe["memory_read_gbps"]);

            // The same machine seen pinned to fewer cores saves its own entry; this one's survives.
            var pinned = here with { Cores = here.Cores + 1 };
            CliEnvironment.Save(pinned, new Dictionary<string, double> { ["memory_read_gbps"] = 1.5 });
            Assert.Equal(7.5, CliEnvironment.Capture(probeIfMissing: false, TextWriter.Null).Probe["memory_read_gbps"]);
            CliEnvironment.Save(here, new Dictionary<string, double> { ["memory_read_gbps"] = 8.5 });
            Assert.Equal(8.5, CliEnvironment.Capture(probeIfMissing: false, TextWriter.Null).Probe["memory_read_gbps"]);
            Assert.Contains("\"" + Key(pinned) + "\"", File.ReadAllText(Path.Combine(home, "probe.json")), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(LocalModelCache.HomeVariable, old);
        }
    }

    private static string Key(EnvironmentInfo env) => $"{env.MachineName}|{env.CpuModel}|{env.Cores}|{env.MemoryBytes}";
}
