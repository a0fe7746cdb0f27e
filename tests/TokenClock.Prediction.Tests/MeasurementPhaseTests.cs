using TokenClock.Prediction.Calibration;
using TokenClock.Prediction.Hardware;

namespace TokenClock.Prediction.Tests;

/// <summary>
/// gpu_measure.py also writes generate() timings (phase "generate"): they hold the host loop around the forward
/// step, so calibration must not read them as decode steps; a phase nobody knows is refused, naming it.
/// </summary>
public sealed class MeasurementPhaseTests
{
    private const string Head = """{"schema":"tokenclock.gpu-measurements/1","card":"NVIDIA H200","measurements":[""";

    [Fact]
    public void Generate_timings_are_not_calibration_points()
    {
        var json = Head + """
            {"shape":"llama-2-7b","phase":"prefill","prompt":512,"ms_median":24.8},
            {"shape":"llama-2-7b","phase":"decode","context":512,"steps":24,"ms_median":25.6},
            {"shape":"llama-2-7b","phase":"generate","cache":"dynamic","prompt":128,"ms_per_token":22.9}]}
            """;
        var data = MeasurementSet.Parse(json, "test", HardwareCatalog.Load(null));

        Assert.Equal(2, data.Points.Count);
        Assert.Equal(24.8, Assert.Single(data.Points, p => p.TtftMs is not null).TtftMs);
        Assert.Equal(25.6, Assert.Single(data.Points, p => p.TpotMs is not null).TpotMs);
    }

    [Fact]
    public void An_unknown_phase_is_refused_naming_it_and_the_file()
    {
        var json = Head + """{"shape":"llama-2-7b","phase":"prefil","prompt":512,"ms_median":24.8}]}""";
        var ex = Assert.Throws<InvalidDataException>(() => MeasurementSet.Parse(json, "h200.json", HardwareCatalog.Load(null)));
        Assert.Contains("'prefil'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("h200.json", ex.Message, StringComparison.Ordinal);
    }
}
