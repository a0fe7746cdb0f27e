using TokenClock.Cli.Infrastructure;

namespace TokenClock.Cli.Tests.Infrastructure;

public sealed class ProgressHeartbeatTests
{
    [Fact]
    public async Task Says_what_it_does_then_each_stage_then_beats_with_the_stage_until_disposed()
    {
        var err = new StringWriter();
        await using (var beat = ProgressHeartbeat.Start(err, "bench: 4 configurations", TimeSpan.FromMilliseconds(40)))
        {
            beat.AsProgress().Report("stage 2/4 refine");
            var deadline = DateTime.UtcNow.AddSeconds(10); // a starved CI thread pool may be slow to tick
            while (Lines(err).Count(l => l.Contains("still running", StringComparison.Ordinal)) < 2 && DateTime.UtcNow < deadline)
                await Task.Delay(20);
        }
        var lines = Lines(err);
        Assert.Equal("bench: 4 configurations", lines[0]);
        Assert.StartsWith("bench: stage 2/4 refine (", lines[1], StringComparison.Ordinal);
        Assert.True(lines.Count(l => l.StartsWith("bench: stage 2/4 refine, still running (", StringComparison.Ordinal)) >= 2, string.Join("\n", lines));

        var after = Lines(err).Length;
        await Task.Delay(150);
        Assert.Equal(after, Lines(err).Length); // disposed: silent
    }

    private static string[] Lines(StringWriter w)
    {
        lock (w) return w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
