namespace TokenClock.Cli.Infrastructure;

/// <summary>Process exit codes shared by every command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Error = 1;
    public const int BadUsage = 2;

    /// <summary>The run (or compared run) finished but an SLO given with --slo failed: usable as a CI gate.</summary>
    public const int SloFailed = 3;
    public const int Cancelled = 130;

    /// <summary>Stopped by SIGTERM: same handling as Ctrl+C (what was measured is kept), 128 + 15.</summary>
    public const int Terminated = 143;
}
