using TokenClock.Server.Simulation;

namespace TokenClock.Cli.Commands.Route;

/// <summary>
/// The study's pair as simulator profiles: a hosted API that starts slowly and decodes fast, with 2% of requests
/// stalled 2 s before their first token, and a local 7B that starts fast and decodes slowly. Their mean
/// latencies cross at (400 − 80) / (30 − 12) ≈ 18 output tokens, inside the default 5–400-word mix.
/// </summary>
internal static class RouteBenchProfiles
{
    public const string Hosted = "hosted-api", Local = "local-7b";

    public static SimulationProfile HostedApi(int seed) => new()
    {
        Model = Hosted,
        Ttft = new LatencyDistribution { Kind = DistributionKind.LogNormal, MeanMs = 400, StdDevMs = 60 },
        Tpot = new LatencyDistribution { Kind = DistributionKind.Normal, MeanMs = 12, StdDevMs = 1, MinMs = 6 },
        Seed = seed,
        Faults = new FaultProfile
        {
            Probabilities = new Dictionary<FaultKind, double> { [FaultKind.Stall] = 0.02 },
            StallMs = 2000,
            AfterChunks = 0,
        },
    };

    public static SimulationProfile Local7B(int seed) => new()
    {
        Model = Local,
        Ttft = new LatencyDistribution { Kind = DistributionKind.LogNormal, MeanMs = 80, StdDevMs = 15 },
        Tpot = new LatencyDistribution { Kind = DistributionKind.Normal, MeanMs = 30, StdDevMs = 2, MinMs = 15 },
        Seed = seed + 1,
    };
}
