using TokenClock.Server.Simulation;

namespace TokenClock.Server.Tests.Simulation;

public sealed class PseudoTextTests
{
    [Fact]
    public void Simulator_output_is_recognised_and_words_are_not()
    {
        var random = new Random(3);
        var generated = string.Concat(Enumerable.Range(0, 200).Select(_ => PseudoText.Token(random)));

        Assert.True(PseudoText.IsPseudoText(generated));
        Assert.True(PseudoText.IsPseudoText(" the and"));
        Assert.False(PseudoText.IsPseudoText("A short answer."));
        Assert.False(PseudoText.IsPseudoText(" the and "));   // not whole tokens
        Assert.False(PseudoText.IsPseudoText(" thE and"));    // not a simulator token
        Assert.False(PseudoText.IsPseudoText(""));
        Assert.False(PseudoText.IsPseudoText(null));
    }
}
