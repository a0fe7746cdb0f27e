using TokenClock.Core.Experiments;

namespace TokenClock.Cli.Commands.Run;

/// <summary>Keeps the newest progress snapshot; the display polls it (reports arrive from many threads).</summary>
internal sealed class LatestProgress : IProgress<RunProgress>
{
    private RunProgress? _latest;

    public RunProgress? Latest => Volatile.Read(ref _latest);

    public void Report(RunProgress value) => Volatile.Write(ref _latest, value);
}
