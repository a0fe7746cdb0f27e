using TokenClock.Cli.Infrastructure;

namespace TokenClock.Cli.Tests.Infrastructure;

public sealed class LegacySpellingsTests
{
    [Fact]
    public void Old_predict_prediction_becomes_predict_model_with_the_same_flags()
    {
        Assert.Equal(["predict", "model", "--model", "x", "--json"], LegacySpellings.Rewrite(["predict", "--model", "x", "--json"]));
    }

    [Theory]
    [InlineData("--calibrate", "predict calibrate")]
    [InlineData("--against", "predict validate --against")]
    [InlineData("--train", "predict validate --train")]
    public void Old_predict_modes_are_refused_naming_the_new_command(string option, string now)
    {
        var ex = Assert.Throws<UsageException>(() => LegacySpellings.Rewrite(["predict", "--engine", "local", option, "12"]));
        Assert.Contains(now, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Summarize_bench_routes_to_the_bench_and_everything_else_is_untouched()
    {
        Assert.Equal(["summarize-bench", "--chunks", "4"], LegacySpellings.Rewrite(["summarize", "bench", "--chunks", "4"]));
        string[] summarize = ["summarize", "report.txt", "--model", "m"];
        Assert.Same(summarize, LegacySpellings.Rewrite(summarize));
        string[] help = ["predict", "--help"];
        Assert.Same(help, LegacySpellings.Rewrite(help));
        string[] listing = ["predict", "hardware"];
        Assert.Same(listing, LegacySpellings.Rewrite(listing));
    }
}
