using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Routing.Model;

namespace TokenClock.Routing.Tests;

public sealed class LatencyPriorTests
{
    private const long Ms = 1_000_000;

    private static RequestRecord Record(int index, double ttftMs, double tpotMs, int output, ErrorClass error = ErrorClass.None) => new()
    {
        Index = index, Backend = "b", Model = "m", ScheduledNs = 0, SentNs = 0,
        FirstTokenNs = (long)(ttftMs * Ms),
        LastTokenNs = (long)((ttftMs + tpotMs * (output - 1)) * Ms),
        EndNs = (long)((ttftMs + tpotMs * (output - 1) + 50) * Ms),
        LocalOutputTokens = output, ServerOutputTokens = output, Error = error,
    };

    [Fact]
    public void A_stored_run_gives_its_median_ttft_and_time_per_token_and_skips_failures_and_warmup()
    {
        RequestRecord[] records =
        [
            Record(0, 90, 10, 20), Record(1, 100, 10, 50), Record(2, 110, 11, 80), Record(3, 100, 9, 120), Record(4, 400, 10, 30),
            Record(5, 5, 1, 10, ErrorClass.HttpStatus),
            Record(6, 5, 1, 10) with { Phase = RequestPhase.Warmup },
        ];

        var prior = LatencyPrior.FromRecords(records);

        Assert.Equal(100, prior.TtftMs, 6);
        Assert.Equal(10, prior.MsPerOutputToken, 6);
        Assert.Equal(5, prior.Weight);
        Assert.Empty(prior.Validate());
    }

    [Fact]
    public void A_run_with_no_successful_measured_request_is_refused_with_the_fix()
    {
        var ex = Assert.Throws<ArgumentException>(() => LatencyPrior.FromRecords([Record(0, 10, 1, 5, ErrorClass.Timeout)]));
        Assert.Contains("tokenclock run", ex.Message, StringComparison.Ordinal);
    }
}
