using System.Diagnostics;
using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;
using static TokenClock.Server.Tests.Backends.TestBackends;

namespace TokenClock.Server.Tests.Simulation;

/// <summary>The batching capacity model: its formula, and the real server following it on loopback.</summary>
public sealed class CapacityModelTests
{
    [Fact]
    public void Step_time_grows_linearly_from_step_ms_to_a_full_batch_at_n_over_t()
    {
        var model = new CapacityModel { MaxBatch = 64, TokensPerSecond = 2000, StepMs = 8 };

        Assert.Equal(8, model.StepTimeMs(1), 9);
        Assert.Equal(32, model.StepTimeMs(64), 9);
        Assert.Equal(32, model.StepTimeMs(500), 9); // never more than a full batch runs
        Assert.Equal(8 + 24.0 * 31 / 63, model.StepTimeMs(32), 9);
        Assert.Equal(200, model.MaxRequestRate(10), 9);
        Assert.Empty(model.Validate());
    }

    [Fact]
    public void A_batch_of_one_slower_than_a_full_batch_is_refused_with_the_numbers()
    {
        var errors = new CapacityModel { MaxBatch = 4, TokensPerSecond = 1000, StepMs = 10 }.Validate();

        var error = Assert.Single(errors).ToString();
        Assert.Contains("step_ms '10'", error, StringComparison.Ordinal);
        Assert.Contains("4 ms", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unloaded_request_gets_one_token_per_single_request_step()
    {
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile
        {
            Capacity = new CapacityModel { MaxBatch = 8, TokensPerSecond = 100, StepMs = 20 },
        });
        await using var backend = OpenAI(server);
        await RecordAsync(backend, Request(1, 999)); // connection and JIT warm

        var record = await RecordAsync(backend, Request(6, 1));

        Assert.True(record.Succeeded, record.ErrorMessage);
        Assert.Equal(6, record.OutputTokens());
        // The server's own schedule: the client's view shifts when its reader thread is late on a loaded machine.
        var truth = Schedule(server, 1);
        Assert.InRange(truth.FirstTokenMs!.Value, 18, 80);
        Assert.InRange(truth.TpotMs!.Value, 18, 40);
        Assert.InRange(record.TpotMs()!.Value, 10, 60);
    }

    [Fact]
    public async Task A_full_batch_caps_token_throughput_at_t_and_queues_the_rest()
    {
        // 16 requests x 10 tokens = 160 tokens at most 200 tokens/s: at least 0.8 s, however many are sent at once.
        // Without the model (a 10 ms step for everyone) the same burst would take about 0.1 s.
        await using var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile
        {
            Capacity = new CapacityModel { MaxBatch = 4, TokensPerSecond = 200, StepMs = 10 },
        });
        await using var backend = OpenAI(server);
        await RecordAsync(backend, Request(1, 999)); // connection and JIT warm

        var watch = Stopwatch.StartNew();
        var records = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => RecordAsync(backend, Request(10, 100 + i))));
        var elapsed = watch.Elapsed.TotalSeconds;

        Assert.All(records, r => Assert.True(r.Succeeded, r.ErrorMessage));
        Assert.InRange(elapsed, 0.79, 3.0); // never faster than T allows; slower only by a loaded machine
        // FIFO admission: on the server's clock (from each request's arrival, so slow connection set-up on a loaded
        // machine is left out) the last batch waited about three full batches (3 x 10 steps x 20 ms) for a slot.
        var ttfts = Enumerable.Range(0, 16).Select(i => Schedule(server, 100 + i).FirstTokenMs!.Value).Order().ToArray();
        Assert.True(ttfts[^1] >= 300, $"the last request to start should have queued up to ~600 ms (less by however late it arrived), server TTFT {ttfts[^1]:0} ms");
        Assert.True(ttfts[0] < 200, $"the first batch should start at once, server TTFT {ttfts[0]:0} ms");
    }
}
