namespace TokenClock.Core.Results;

/// <summary>
/// Accepts records measured by another process (a worker of a distributed run) into this run: every instant is
/// moved onto this run's clock by one shift (the worker's run start relative to ours, corrected for the measured
/// clock offset), the index becomes the request's index in the whole load, and the worker is named.
/// Durations between instants of one record are untouched, so every per-request metric is the worker's own.
/// </summary>
public static class ForeignRecords
{
    /// <summary>A worker's record moved onto this run: every instant shifted by <paramref name="shiftNs"/> (ns), re-indexed and tagged with its worker.</summary>
    /// <param name="record">The record as the worker measured it.</param>
    /// <param name="shiftNs">Added to every instant: the worker's run start on this run's clock, in ns.</param>
    /// <param name="index">The request's index in the whole load.</param>
    /// <param name="worker">The worker's name, stored as <see cref="RequestRecord.Worker"/>.</param>
    public static RequestRecord Adopt(RequestRecord record, long shiftNs, int index, string worker)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        var chunks = new ChunkSample[record.Chunks.Count];
        for (var i = 0; i < chunks.Length; i++) chunks[i] = record.Chunks[i] with { TimeNs = record.Chunks[i].TimeNs + shiftNs };
        return record with
        {
            Index = index,
            Worker = worker,
            ScheduledNs = record.ScheduledNs + shiftNs,
            SentNs = record.SentNs + shiftNs,
            HeadersNs = record.HeadersNs + shiftNs,
            FirstByteNs = record.FirstByteNs + shiftNs,
            FirstTokenNs = record.FirstTokenNs + shiftNs,
            LastTokenNs = record.LastTokenNs + shiftNs,
            FirstReasoningNs = record.FirstReasoningNs + shiftNs,
            EndNs = record.EndNs + shiftNs,
            Chunks = chunks,
        };
    }

    /// <summary>
    /// The record of a planned request whose worker was lost before reporting it: not measured, kept as
    /// <see cref="Backends.ErrorClass.WorkerLost"/> at its planned instant (sent is unknown, so it equals scheduled).
    /// </summary>
    public static RequestRecord Lost(int index, long scheduledNs, string backend, string model, string worker, string why) => new()
    {
        Index = index,
        Phase = RequestPhase.Measured,
        Backend = backend,
        Model = model,
        ScheduledNs = scheduledNs,
        SentNs = scheduledNs,
        Worker = worker,
        Error = Backends.ErrorClass.WorkerLost,
        ErrorMessage = why,
    };
}
