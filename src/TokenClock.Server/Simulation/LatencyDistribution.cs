using System.Globalization;
using TokenClock.Core.Settings;

namespace TokenClock.Server.Simulation;

/// <summary>
/// A delay in milliseconds: fixed, normal (mean, std), lognormal (mean and std of the delay itself, not of its log),
/// or uniform (min, max). Samples are clamped to [Min, Max] and never negative.
/// </summary>
public sealed record LatencyDistribution
{
    /// <summary>The distribution's shape.</summary>
    public DistributionKind Kind { get; init; }
    /// <summary>Mean delay in ms (the delay itself for <see cref="DistributionKind.Fixed"/>).</summary>
    public double MeanMs { get; init; }
    /// <summary>Standard deviation in ms (normal and lognormal).</summary>
    public double StdDevMs { get; init; }
    /// <summary>Lower bound in ms: the uniform's minimum, and a floor for every sample.</summary>
    public double MinMs { get; init; }
    /// <summary>Upper bound in ms: the uniform's maximum, and a ceiling for every sample; null = none.</summary>
    public double? MaxMs { get; init; }

    /// <summary>A constant delay of <paramref name="ms"/> milliseconds.</summary>
    public static LatencyDistribution Fixed(double ms) => new() { Kind = DistributionKind.Fixed, MeanMs = ms };

    /// <summary>One delay in ms drawn with <paramref name="random"/>, clamped to [max(0, MinMs), MaxMs].</summary>
    public double Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var value = Kind switch
        {
            DistributionKind.Fixed => MeanMs,
            DistributionKind.Normal => MeanMs + StdDevMs * StandardNormal(random),
            DistributionKind.LogNormal => LogNormal(random),
            DistributionKind.Uniform => MinMs + random.NextDouble() * ((MaxMs ?? MinMs) - MinMs),
            _ => MeanMs,
        };
        value = Math.Max(value, Math.Max(0, MinMs));
        return MaxMs is { } max ? Math.Min(value, max) : value;
    }

    /// <summary>Problems named by setting keys under <paramref name="name"/> (<c>ttft.mean_ms</c>, ...).</summary>
    public IEnumerable<SettingProblem> Validate(string name)
    {
        string mean = $"{name}.mean_ms", std = $"{name}.std_ms", min = $"{name}.min_ms", maxKey = $"{name}.max_ms";
        if (!double.IsFinite(MeanMs) || MeanMs < 0) yield return new(mean, n => $"{n(mean)} '{Format(MeanMs)}' must be a finite number >= 0");
        if (!double.IsFinite(StdDevMs) || StdDevMs < 0) yield return new(std, n => $"{n(std)} '{Format(StdDevMs)}' must be >= 0");
        if (MinMs < 0) yield return new(min, n => $"{n(min)} '{Format(MinMs)}' must be >= 0");
        if (MaxMs is { } max && max < MinMs) yield return new(maxKey, n => $"{n(maxKey)} '{Format(max)}' must be >= {n(min)} '{Format(MinMs)}'");
        if (Kind == DistributionKind.Uniform && MaxMs is null) yield return new(maxKey, n => $"{name}: a uniform distribution needs {n(maxKey)} (and {n(min)})");
        if (Kind == DistributionKind.LogNormal && MeanMs <= 0) yield return new(mean, n => $"{name}: a lognormal distribution needs {n(mean)} > 0");
    }

    /// <summary>The distribution as read in logs, e.g. "300 ms" or "lognormal(mean 300, std 80) ms".</summary>
    public override string ToString() => Kind switch
    {
        DistributionKind.Fixed => $"{Format(MeanMs)} ms",
        DistributionKind.Uniform => $"uniform({Format(MinMs)}, {Format(MaxMs ?? MinMs)}) ms",
        _ => $"{Kind.ToString().ToLowerInvariant()}(mean {Format(MeanMs)}, std {Format(StdDevMs)}) ms",
    };

    private double LogNormal(Random random)
    {
        // Parameters of the underlying normal from the delay's own mean and std.
        var variance = StdDevMs * StdDevMs;
        var sigma2 = Math.Log(1 + variance / (MeanMs * MeanMs));
        var mu = Math.Log(MeanMs) - sigma2 / 2;
        return Math.Exp(mu + Math.Sqrt(sigma2) * StandardNormal(random));
    }

    private static double StandardNormal(Random random)
    {
        // Box-Muller; 1 - u keeps the log argument in (0, 1].
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static string Format(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
