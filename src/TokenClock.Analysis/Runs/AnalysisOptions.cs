namespace TokenClock.Analysis.Runs;

/// <summary>Knobs of <see cref="RunAnalyzer"/>; the defaults are what reports use.</summary>
public sealed record AnalysisOptions
{
    /// <summary>Seed of every bootstrap; one seed gives one report.</summary>
    public ulong Seed { get; init; } = 20_240_601;
    /// <summary>Bootstrap resamples of the percentile CIs.</summary>
    public int PercentileResamples { get; init; } = Statistics.Descriptive.DefaultResamples;
    /// <summary>Bootstrap resamples of the fit CIs (and crossovers).</summary>
    public int FitResamples { get; init; } = Fits.LatencyModelFitter.DefaultResamples;
    /// <summary>The regression of the latency fits.</summary>
    public Fits.FitMethod FitMethod { get; init; } = Fits.FitMethod.Huber;
    /// <summary>Drop the leading requests MSER-5 flags as warm-up (only when it converged).</summary>
    public bool TrimDetectedWarmup { get; init; } = true;
    /// <summary>Above this many ITL samples per series a <see cref="Statistics.LogHistogram"/> summarises them.</summary>
    public int MaxRawItlSamples { get; init; } = 500_000;
}
