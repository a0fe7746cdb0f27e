using System.Diagnostics;
using System.Text.Json;
using TokenClock.Core.Processes;
using TokenClock.IntegrationTests.Support;
using TokenClock.Storage;

namespace TokenClock.IntegrationTests.Results;

/// <summary>
/// Reading needs no write access: `runs`, `report` and `export` work on a database in a read-only folder, as a
/// user who may not write there (as root, the child runs as nobody through setpriv, since root may write anyway).
/// Recording there fails with a sentence naming the file and the fix.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReadOnlyDatabaseTests
{
    private static bool IsRoot => Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";

    private static async Task<(int Exit, string Out, string Err)> RunAsUnprivileged(string workDir, params string[] args)
    {
        var launch = SelfLaunch.Assembly(ChildTokenClock.ExecutablePath, args);
        if (IsRoot) launch = launch.Under("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
        var psi = launch.StartInfo(redirectInput: false, watchParent: false);
        psi.WorkingDirectory = workDir;
        psi.Environment["HOME"] = workDir;
        psi.Environment["DOTNET_CLI_HOME"] = workDir;
        psi.Environment["TOKENCLOCK_HOME"] = workDir;
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Runs_report_and_export_read_a_database_in_a_read_only_folder()
    {
        using var dir = new TempDir("tc-ro");
        var roFolder = dir.File("ro");
        Directory.CreateDirectory(roFolder);
        var db = Path.Combine(roFolder, "r.db");
        await using (var store = await SqliteRunStore.OpenAsync(db))
        {
            var run = Analysis.Synthetic.SyntheticRunGenerator.Generate(0, "kept", [new Analysis.Synthetic.SyntheticSeries { Backend = "b", TtftMs = 150 }], 20, seed: 4);
            var id = await store.StartRunAsync(run.Run.Info);
            foreach (var r in run.Requests) await store.AppendAsync(id, r);
            await store.FinishRunAsync(id, Core.Results.RunStatus.Completed);
        }
        var work = dir.File("work");
        Directory.CreateDirectory(work);
        File.SetUnixFileMode(work, (UnixFileMode)0b111_111_111);
        File.SetUnixFileMode(dir.Path, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(db, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(roFolder, (UnixFileMode)0b101_101_101);
        try
        {
            var (exit, stdout, stderr) = await RunAsUnprivileged(work, "runs", "--db", db, "--json");
            Assert.True(exit == 0, stderr);
            using (var doc = JsonDocument.Parse(stdout))
                Assert.Equal("kept", doc.RootElement.GetProperty("runs")[0].GetProperty("name").GetString());

            (exit, _, stderr) = await RunAsUnprivileged(work, "report", "--db", db);
            Assert.True(exit == 0, stderr);
            Assert.True(File.Exists(Path.Combine(work, "tokenclock-report", "run-1", "report.html")), stderr);

            (exit, stdout, stderr) = await RunAsUnprivileged(work, "export", "1", "--db", db, "--format", "csv");
            Assert.True(exit == 0, stderr);
            Assert.Equal(21, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

            (exit, _, stderr) = await RunAsUnprivileged(work, "run", "--backend", "openai-compatible", "--base-url", "http://127.0.0.1:9/v1",
                "--model", "m", "--prompt", "hi", "--requests", "1", "--db", db);
            Assert.Equal(1, exit);
            Assert.Contains(db, stderr, StringComparison.Ordinal);
            Assert.Contains("read-only", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("SQLite Error", stderr, StringComparison.Ordinal);
            Assert.Equal(["r.db"], Directory.GetFiles(roFolder).Select(Path.GetFileName));
        }
        finally
        {
            File.SetUnixFileMode(roFolder, (UnixFileMode)0b111_101_101);
        }
    }
}
