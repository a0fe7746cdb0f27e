namespace TokenClock.Cluster.Coordinator;

/// <summary>What one worker did for one cell.</summary>
/// <param name="Cell">The cell's index in the experiment.</param>
/// <param name="Worker">The worker's name.</param>
/// <param name="Silo">The worker's silo address.</param>
/// <param name="Offset">Its clock offset, measured before the run.</param>
/// <param name="Received">Measured requests it reported.</param>
/// <param name="LostUnknown">True when how many requests it lost cannot be known (it ended after a duration-bounded
/// closed loop's end, or no duration bounded it); <paramref name="Lost"/> is then a lower bound.</param>
/// <param name="MaxInFlight">The most requests it had in flight at once.</param>
/// <param name="Planned">Measured requests planned for it (null when only a duration bounded a closed loop).</param>
/// <param name="Lost">Planned requests it never reported, stored as worker_lost errors.</param>
/// <param name="Ended">"done", "lost: ..." or "failed: ...".</param>
/// <param name="LostSeconds">Duration-bounded closed loop ended early: seconds of the duration its streams did not run.</param>
/// <param name="LostShare">Its not-run stream-seconds over the cell's planned stream-seconds (0..1); null unless LostSeconds is.</param>
public sealed record WorkerReport(int Cell, string Worker, string Silo, ClockOffset Offset, int? Planned, int Received, int Lost,
    bool LostUnknown, int MaxInFlight, string Ended, double? LostSeconds = null, double? LostShare = null);

/// <summary>The stored run and each worker's part in it.</summary>
public sealed record ClusterRunResult(long RunId, IReadOnlyList<WorkerReport> Workers);
