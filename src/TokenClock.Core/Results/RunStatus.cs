namespace TokenClock.Core.Results;

public enum RunStatus
{
    Running = 0,
    Completed = 1,
    /// <summary>Cancelled by the user or killed; every finished request is kept.</summary>
    Interrupted = 2,
    Failed = 3,
}
