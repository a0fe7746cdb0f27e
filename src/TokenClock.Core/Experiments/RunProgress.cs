namespace TokenClock.Core.Experiments;

/// <summary>
/// A snapshot of a running experiment, reported after every completed request.
/// <paramref name="Total"/> is null when a cell stops by duration only.
/// <paramref name="RollingTtftP50Ms"/> is the median TTFT of the last successful measured requests (up to 64).
/// </summary>
public sealed record RunProgress(
    long RunId,
    string Cell,
    int CellIndex,
    int CellCount,
    int Done,
    int? Total,
    int Errors,
    double? RollingTtftP50Ms,
    TimeSpan Elapsed);
