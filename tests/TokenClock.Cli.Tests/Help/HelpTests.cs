namespace TokenClock.Cli.Tests.Help;

/// <summary>Every command's --help renders (descriptions are Spectre markup: a stray bracket breaks them).</summary>
public sealed class HelpTests
{
    [Theory]
    [InlineData("run")]
    [InlineData("runs")]
    [InlineData("serve")]
    [InlineData("summarize")]
    [InlineData("summarize", "bench")]
    [InlineData("summarize-bench")]
    [InlineData("report")]
    [InlineData("compare")]
    [InlineData("export")]
    [InlineData("model", "shapes")]
    [InlineData("model", "synth")]
    [InlineData("model", "info")]
    [InlineData("model", "bench")]
    [InlineData("probe")]
    [InlineData("predict")]
    [InlineData("predict", "model")]
    [InlineData("predict", "serving")]
    [InlineData("predict", "calibrate")]
    [InlineData("predict", "validate")]
    [InlineData("predict", "hardware")]
    [InlineData("predict", "prices")]
    public async Task Help_renders_with_an_example(params string[] command)
    {
        var (code, output, error) = await CliHarness.RunAsync([.. command, "--help"]);
        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Contains("USAGE", output, StringComparison.Ordinal);
        Assert.Contains("EXAMPLES", output, StringComparison.Ordinal);
    }
}
