using System.Globalization;
using System.Text.Json;
using TokenClock.Core.Results;
using TokenClock.Local.Engine;
using TokenClock.Local.Probe;

namespace TokenClock.Cli.Infrastructure;

/// <summary>
/// The environment stored with each run, with this machine's probe results. The probe (~2 s of CPU, a 256 MiB
/// array) is cached in $TOKENCLOCK_HOME/probe.json, one entry per machine key (host, CPU, usable cores, memory), so
/// a run pinned to one core and an unpinned one keep their own entries instead of evicting each other;
/// <c>tokenclock probe</c> measures afresh and updates this key's entry.
/// </summary>
internal static class CliEnvironment
{
    private const int MaxEntries = 16;

    private static string CachePath => Path.Combine(LocalModelCache.Home, "probe.json");

    /// <summary>
    /// This machine's environment with its cached probe results. Only when <paramref name="probeIfMissing"/> (local
    /// inference, predictions) is the probe measured in this process when the cache has no entry: a client measuring
    /// a server must not spend seconds of CPU and 256 MiB of memory beside it (issue 9: that was the 341 MB mode of
    /// a 300-request run's peak RSS), so without an entry its run is stored without probe results.
    /// </summary>
    /// <param name="warnings">Where a failed probe is reported (the command's stderr).</param>
    public static EnvironmentInfo Capture(bool probeIfMissing, TextWriter warnings)
    {
        var env = EnvironmentInfo.Capture();
        var probe = ReadCache(env) ?? (probeIfMissing ? Measure(env, warnings) : null);
        return probe is null ? env : env with { Probe = probe };
    }

    /// <summary>Stores fresh probe results for this machine (called by <c>tokenclock probe</c>).</summary>
    public static void Save(EnvironmentInfo env, IReadOnlyDictionary<string, double> probe)
    {
        try
        {
            Directory.CreateDirectory(LocalModelCache.Home);
            var entries = ReadEntries();
            entries[Key(env)] = new ProbeEntry(DateTimeOffset.UtcNow, probe.ToDictionary(p => p.Key, p => p.Value));
            // Bounded: the newest entries are kept.
            entries = entries.OrderByDescending(e => e.Value.MeasuredUtc).Take(MaxEntries).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            // Written aside and moved, so a concurrent reader never sees half a file.
            var temp = CachePath + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(new ProbeCache(entries)));
            File.Move(temp, CachePath, overwrite: true);
        }
        catch (IOException)
        {
            // The cache only saves time; a read-only home must not fail a run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static IReadOnlyDictionary<string, double>? Measure(EnvironmentInfo env, TextWriter warnings)
    {
        try
        {
            var probe = MachineProbe.Run().ToProbe();
            Save(env, probe);
            return probe;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            warnings.WriteLine($"warning: the machine probe failed ({ex.Message}); the run is stored without probe results");
            return null;
        }
    }

    private static IReadOnlyDictionary<string, double>? ReadCache(EnvironmentInfo env) =>
        ReadEntries().TryGetValue(Key(env), out var entry) ? entry.Probe : null;

    /// <summary>The cached entries by machine key; a file of the older one-entry form reads as that one entry.</summary>
    private static Dictionary<string, ProbeEntry> ReadEntries()
    {
        var entries = new Dictionary<string, ProbeEntry>(StringComparer.Ordinal);
        try
        {
            if (!File.Exists(CachePath)) return entries;
            var text = File.ReadAllText(CachePath);
            if (JsonSerializer.Deserialize<ProbeCache>(text)?.Machines is { } machines)
            {
                foreach (var (key, entry) in machines)
                    if (entry?.Probe is not null) entries[key] = entry;
            }
            else if (JsonSerializer.Deserialize<LegacyProbeCache>(text) is { Machine: { } machine, Probe: { } probe } legacy)
            {
                entries[machine] = new ProbeEntry(legacy.MeasuredUtc, probe);
            }
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            // An unreadable cache is an empty one.
        }
        return entries;
    }

    private static string Key(EnvironmentInfo env) =>
        string.Create(CultureInfo.InvariantCulture, $"{env.MachineName}|{env.CpuModel}|{env.Cores}|{env.MemoryBytes}");

    private sealed record ProbeCache(Dictionary<string, ProbeEntry>? Machines);

    private sealed record ProbeEntry(DateTimeOffset MeasuredUtc, Dictionary<string, double> Probe);

    private sealed record LegacyProbeCache(string? Machine, DateTimeOffset MeasuredUtc, Dictionary<string, double>? Probe);
}
