using TokenClock.Core.Backends;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;
using static TokenClock.Server.Tests.Backends.TestBackends;

namespace TokenClock.Server.Tests.Simulation;

/// <summary>Faults drawn by probability from the profile (no header), classified by the client.</summary>
public sealed class FaultProbabilityTests
{
    [Fact]
    public async Task Profile_fault_probabilities_inject_roughly_that_share_of_faults()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile
        {
            Ttft = LatencyDistribution.Fixed(1), Tpot = LatencyDistribution.Fixed(0), Seed = 3,
            Faults = new FaultProfile { Probabilities = new Dictionary<FaultKind, double> { [FaultKind.RateLimit] = 0.3, [FaultKind.Unavailable] = 0.2 } },
        });
        await using var backend = OpenAI(server);

        var records = new List<TokenClock.Core.Results.RequestRecord>();
        for (var i = 0; i < 100; i++) records.Add(await RecordAsync(backend, Request(2, 1000 + i)));

        var limited = records.Count(r => r.Error == ErrorClass.RateLimited);
        var unavailable = records.Count(r => r.Error == ErrorClass.HttpStatus && r.HttpStatus == 503);
        var ok = records.Count(r => r.Succeeded);
        Assert.Equal(100, limited + unavailable + ok);
        Assert.InRange(limited, 15, 45);
        Assert.InRange(unavailable, 8, 35);
    }
}
