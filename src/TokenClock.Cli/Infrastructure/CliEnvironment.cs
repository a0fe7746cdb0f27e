using System.Globalization;
using System.Text.Json;
using TokenClock.Core.Results;
using TokenClock.Local.Engine;
using TokenClock.Local.Probe;

namespace TokenClock.Cli.Infrastructure;

/// <summary>
/// The environment stored with each run, with this machine's probe results. The probe (~2 s) runs once per
/// machine and is cached in $TOKENCLOCK_HOME/probe.json; <c>tokenclock probe</c> measures afresh and updates it.
/// </summary>
internal static class CliEnvironment
{
    private static string CachePath => Path.Combine(LocalModelCache.Home, "probe.json");

    public static EnvironmentInfo Capture()
    {
        var env = EnvironmentInfo.Capture();
        var probe = ReadCache(env) ?? Measure(env);
        return probe is null ? env : env with { Probe = probe };
    }

    /// <summary>Stores fresh probe results for this machine (called by <c>tokenclock probe</c>).</summary>
    public static void Save(EnvironmentInfo env, IReadOnlyDictionary<string, double> probe)
    {
        try
        {
            Directory.CreateDirectory(LocalModelCache.Home);
            var entry = new ProbeCache(Key(env), DateTimeOffset.UtcNow, probe.ToDictionary(p => p.Key, p => p.Value));
            File.WriteAllText(CachePath, JsonSerializer.Serialize(entry));
        }
        catch (IOException)
        {
            // The cache only saves time; a read-only home must not fail a run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static IReadOnlyDictionary<string, double>? Measure(EnvironmentInfo env)
    {
        try
        {
            var probe = MachineProbe.Run().ToProbe();
            Save(env, probe);
            return probe;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.Error.WriteLine($"warning: the machine probe failed ({ex.Message}); the run is stored without probe results");
            return null;
        }
    }

    private static IReadOnlyDictionary<string, double>? ReadCache(EnvironmentInfo env)
    {
        try
        {
            if (!File.Exists(CachePath)) return null;
            var entry = JsonSerializer.Deserialize<ProbeCache>(File.ReadAllText(CachePath));
            // A cache from another machine (a copied home folder) would mislabel this one's results.
            return entry is not null && entry.Machine == Key(env) ? entry.Probe : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Key(EnvironmentInfo env) =>
        string.Create(CultureInfo.InvariantCulture, $"{env.MachineName}|{env.CpuModel}|{env.Cores}|{env.MemoryBytes}");

    private sealed record ProbeCache(string Machine, DateTimeOffset MeasuredUtc, Dictionary<string, double> Probe);
}
