using TokenClock.Core.Results;
using TokenClock.Prediction.Hardware;

namespace TokenClock.Cli.Commands.Predict;

/// <summary>
/// Fills in probe results for hardware 'this-machine' when an environment lacks them (runs stored before the
/// probe was recorded with every run, or by other tools), from this machine's cached probe.
/// </summary>
internal static class ProbedEnvironment
{
    /// <summary>
    /// The environment with this machine's probe results when it has none and describes this machine
    /// (same host name and core count); otherwise unchanged, so a run from another host still asks for --hardware.
    /// The probe is this machine's cached one (measured once per machine, about two seconds the first time; a failed
    /// measurement is reported on <paramref name="warnings"/>).
    /// </summary>
    public static EnvironmentInfo Complete(EnvironmentInfo environment, TextWriter warnings)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (ThisMachine.HasProbe(environment)) return environment;
        var here = EnvironmentInfo.Capture();
        if (!string.Equals(environment.MachineName, here.MachineName, StringComparison.Ordinal) || environment.Cores != here.Cores)
            return environment;
        var probe = new Dictionary<string, double>(environment.Probe);
        foreach (var (key, value) in Infrastructure.CliEnvironment.Capture(probeIfMissing: true, warnings).Probe) probe.TryAdd(key, value);
        return environment with { Probe = probe };
    }
}
