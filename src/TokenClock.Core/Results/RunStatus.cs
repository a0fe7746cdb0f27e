namespace TokenClock.Core.Results;

/// <summary>Where a stored run stands.</summary>
public enum RunStatus
{
    /// <summary>The run is still being measured.</summary>
    Running = 0,
    /// <summary>The run ended normally (some of its requests may have failed: failures are data).</summary>
    Completed = 1,
    /// <summary>Cancelled by the user or killed; every finished request is kept.</summary>
    Interrupted = 2,
    /// <summary>Stopped by an error other than cancellation.</summary>
    Failed = 3,
}
