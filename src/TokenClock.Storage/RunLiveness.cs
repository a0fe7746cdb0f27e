namespace TokenClock.Storage;

/// <summary>Decides whether a 'running' run's writer is gone. Only the writer's own lock decides.</summary>
internal static class RunLiveness
{
    /// <summary>
    /// True only when the run's writer certainly stopped: its lock is free (or its file removed). Runs written on
    /// another host cannot be judged from here. Runs from before the lock existed (no <paramref name="lockName"/>)
    /// count as gone only when no process with their id exists at all; a recycled id keeps them "running".
    /// </summary>
    public static bool IsGone(string databasePath, string? host, int? pid, string? lockName, bool removeStaleLock)
    {
        if (!string.Equals(host, Environment.MachineName, StringComparison.Ordinal)) return false;
        if (lockName is not null) return WriterLock.Probe(databasePath, lockName, removeStaleLock) == WriterLock.State.Gone;
        if (pid is null) return true;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid.Value);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false; // cannot inspect it: do not declare it dead
        }
    }
}
