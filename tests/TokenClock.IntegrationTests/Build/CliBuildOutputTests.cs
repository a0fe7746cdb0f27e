using System.Reflection.PortableExecutable;
using System.Text.Json;
using TokenClock.IntegrationTests.Support;

namespace TokenClock.IntegrationTests.Build;

/// <summary>
/// The settings that keep the measuring client cheap (issue 9 §4-§5, docs/benchmarks.md) are in the CLI's build
/// output, the one users and the benchmark run: the measuring path precompiled (ReadyToRun), workstation GC without
/// its background thread, thread-pool workers that do not spin, no dynamic PGO.
/// </summary>
public sealed class CliBuildOutputTests
{
    private static string Folder => Path.GetDirectoryName(ChildTokenClock.ExecutablePath)!;

    [Theory]
    [InlineData("tokenclock.dll")]
    [InlineData("TokenClock.Core.dll")]
    [InlineData("TokenClock.Storage.dll")]
    [InlineData("TokenClock.Analysis.dll")]
    [InlineData("Spectre.Console.Cli.dll")]
    [InlineData("Microsoft.Data.Sqlite.dll")]
    public void The_measuring_path_assemblies_are_ReadyToRun(string file)
    {
        Assert.True(ChildTokenClock.ExecutablePath.Contains("linux-x64", StringComparison.Ordinal),
            $"the CLI's own build output was not found (got {ChildTokenClock.ExecutablePath})");
        using var pe = new PEReader(File.OpenRead(Path.Combine(Folder, file)));
        var cor = pe.PEHeaders.CorHeader ?? throw new InvalidOperationException($"{file} is not a .NET assembly");
        Assert.True(cor.ManagedNativeHeaderDirectory.Size > 0, $"{file} in {Folder} has no ReadyToRun code (IL only)");
    }

    [Fact]
    public void The_runtimeconfig_keeps_workstation_gc_without_a_background_thread_and_no_spinning_workers()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "tokenclock.runtimeconfig.json")));
        var props = doc.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.False(props.GetProperty("System.GC.Server").GetBoolean());
        Assert.False(props.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.Equal(0, props.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }

    [Fact]
    public void The_runtimeconfig_turns_dynamic_pgo_off()
    {
        // Its instrumented tiers compiled the hot path twice more during the run (docs/benchmarks.md, "Client CPU per request").
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "tokenclock.runtimeconfig.json")));
        var props = doc.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.True(props.TryGetProperty("System.Runtime.TieredPGO", out var pgo), "tokenclock.runtimeconfig.json does not set System.Runtime.TieredPGO");
        Assert.False(pgo.GetBoolean());
    }
}
