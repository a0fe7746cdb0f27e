using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Hardware;
using TokenClock.Prediction.Model;
using TokenClock.Prediction.Shapes;
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
    public void A_predict_result_seeds_a_prior_that_reproduces_it_and_extrapolates_in_prompt_length()
    {
        var shape = ShapeCatalog.Get("llama-2-7b");
        var format = WeightFormats.Get("q4_0");
        var h100 = HardwareCatalog.Load(null).Get("h100-sxm");
        var at512 = LatencyPredictor.Predict(shape, format, h100, EngineProfiles.LlamaCppGpu, new OperatingPoint(512, 128));
        var at2048 = LatencyPredictor.Predict(shape, format, h100, EngineProfiles.LlamaCppGpu, new OperatingPoint(2048, 128));

        var prior = LatencyPrior.FromPrediction(at512);

        Assert.Empty(prior.Validate());
        Assert.Equal(at512.TtftMs, prior.TtftMs + prior.MsPerInputToken * 512, 6);
        Assert.Equal(at512.TpotMs, prior.MsPerOutputToken, 9);
        Assert.True(prior.MsPerInputToken > 0);
        var extrapolated = prior.TtftMs + prior.MsPerInputToken * 2048;
        Assert.InRange(extrapolated / at2048.TtftMs, 0.8, 1.2);
        Assert.Equal(5, prior.Weight);
    }

    [Fact]
    public void A_run_with_no_successful_measured_request_is_refused_with_the_fix()
    {
        var ex = Assert.Throws<ArgumentException>(() => LatencyPrior.FromRecords([Record(0, 10, 1, 5, ErrorClass.Timeout)]));
        Assert.Contains("tokenclock run", ex.Message, StringComparison.Ordinal);
    }
}
