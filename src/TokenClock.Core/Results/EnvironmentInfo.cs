using System.Runtime.InteropServices;

namespace TokenClock.Core.Results;

/// <summary>Where a run was measured. Probe results (bandwidth, FLOP rate) are added when known.</summary>
public sealed record EnvironmentInfo
{
    /// <summary>The operating system's description.</summary>
    public required string Os { get; init; }
    /// <summary>The CPU model name (from /proc/cpuinfo), or the process architecture where none can be read.</summary>
    public required string CpuModel { get; init; }
    /// <summary>Logical processors available to the process.</summary>
    public required int Cores { get; init; }
    /// <summary>Memory available to the process, in bytes (the GC's total available memory, which honours container limits).</summary>
    public required long MemoryBytes { get; init; }
    /// <summary>The .NET runtime's description.</summary>
    public required string Runtime { get; init; }
    /// <summary>TokenClock's version (major.minor.patch).</summary>
    public required string ToolVersion { get; init; }
    /// <summary>The measuring machine's host name; null when not recorded.</summary>
    public string? MachineName { get; init; }
    /// <summary>Measured machine properties, e.g. "memory_read_gbps", "matmul_gflops".</summary>
    public IReadOnlyDictionary<string, double> Probe { get; init; } = new Dictionary<string, double>();

    /// <summary>Describes this machine and process now (no probe results).</summary>
    public static EnvironmentInfo Capture()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return new EnvironmentInfo
        {
            Os = RuntimeInformation.OSDescription,
            CpuModel = ReadCpuModel() ?? RuntimeInformation.ProcessArchitecture.ToString(),
            Cores = Environment.ProcessorCount,
            MemoryBytes = memory,
            Runtime = RuntimeInformation.FrameworkDescription,
            ToolVersion = typeof(EnvironmentInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            MachineName = Environment.MachineName,
        };
    }

    private static string? ReadCpuModel()
    {
        try
        {
            if (!File.Exists("/proc/cpuinfo")) return null;
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                    return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }
        catch (IOException)
        {
            // Provenance is best-effort; a missing /proc must not stop a run.
        }
        return null;
    }
}
