using TokenClock.Core.Backends;
using TokenClock.Core.Results;
using TokenClock.Prediction.Calibration;
using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Prediction.Tests;

public sealed class RunPointsTests
{
    private static RequestRecord Record(int index, RequestPhase phase = RequestPhase.Measured, ErrorClass error = ErrorClass.None, int? input = 200) => new()
    {
        Index = index, Phase = phase, Backend = "local", Model = "tiny", ScheduledNs = 0, SentNs = 1_000_000,
        FirstTokenNs = 21_000_000,           // TTFT 20 ms
        LastTokenNs = 21_000_000 + 9 * 3_000_000, EndNs = 21_000_000 + 9 * 3_000_000,  // 9 gaps of 3 ms → TPOT 3 ms over 10 tokens
        LocalOutputTokens = 10, LocalInputTokens = input, Error = error,
    };

    [Fact]
    public void Measured_successful_requests_become_points_with_their_ttft_and_tpot()
    {
        var records = new[] { Record(0, RequestPhase.Warmup), Record(1), Record(2, error: ErrorClass.Timeout), Record(3, input: null) };
        var points = RunPoints.FromRequests(7, records, ShapeCatalog.Get("tiny"), WeightFormats.Get("f16"), Support.Catalog.Get("t4"));

        var p = Assert.Single(points);
        Assert.Equal(20, p.TtftMs!.Value, 9);
        Assert.Equal(3, p.TpotMs!.Value, 9);
        Assert.Equal((200, 10), (p.PromptTokens, p.OutputTokens));
        Assert.Equal("run 7 #1", p.Label);
    }
}
