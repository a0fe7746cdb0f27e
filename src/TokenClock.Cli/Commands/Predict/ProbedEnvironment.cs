using TokenClock.Core.Results;
using TokenClock.Local.Probe;
using TokenClock.Prediction.Hardware;

namespace TokenClock.Cli.Commands.Predict;

/// <summary>
/// Fills in probe results for hardware 'this-machine' when an environment lacks them. Nothing stores probe
/// results with a run, so without this no measured run could be predicted or calibrated on this machine.
/// </summary>
internal static class ProbedEnvironment
{
    // One probe (about a second) per process, however many runs a calibration reads.
    private static readonly Lazy<IReadOnlyDictionary<string, double>> Probe = new(() =>
    {
        Console.Error.WriteLine("probing this machine (memory bandwidth, matrix-product rate) for hardware 'this-machine'...");
        return MachineProbe.Run().ToProbe();
    });

    /// <summary>
    /// The environment with this machine's probe results when it has none and describes this machine
    /// (same host name and core count); otherwise unchanged, so a run from another host still asks for --hardware.
    /// </summary>
    public static EnvironmentInfo Complete(EnvironmentInfo environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (ThisMachine.HasProbe(environment)) return environment;
        var here = EnvironmentInfo.Capture();
        if (!string.Equals(environment.MachineName, here.MachineName, StringComparison.Ordinal) || environment.Cores != here.Cores)
            return environment;
        var probe = new Dictionary<string, double>(environment.Probe);
        foreach (var (key, value) in Probe.Value) probe.TryAdd(key, value);
        return environment with { Probe = probe };
    }
}
