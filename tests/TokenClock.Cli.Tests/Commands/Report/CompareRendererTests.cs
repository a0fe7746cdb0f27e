using Spectre.Console;
using TokenClock.Analysis.Comparison;
using TokenClock.Analysis.Statistics;
using TokenClock.Analysis.Synthetic;
using TokenClock.Cli.Commands.Report;

namespace TokenClock.Cli.Tests.Commands.Report;

public sealed class CompareRendererTests
{
    [Fact]
    public void Compare_table_shows_every_metric_verdict_and_the_gate_result()
    {
        var a = SyntheticRunGenerator.Generate(1, "a", [new SyntheticSeries { Backend = "b", TtftMs = 400 }], 100, seed: 1);
        var b = SyntheticRunGenerator.Generate(2, "b", [new SyntheticSeries { Backend = "b", TtftMs = 600 }], 100, seed: 2);
        var comparisons = RunComparer.Compare([a, b], [MetricCatalog.Ttft, MetricCatalog.Tpot], 0.1);
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 200;

        CompareRenderer.Render(comparisons, 0.1, console);

        var text = writer.ToString();
        Assert.Contains("Δ median [95% CI]", text);
        Assert.Contains("slower (beyond threshold)", text);
        Assert.Contains("no significant difference", text);
        Assert.Contains("Regression: significantly slower by more than 10%", text);
    }
}
