using TokenClock.Core.Results;

namespace TokenClock.Core.Load;

/// <summary>
/// Receives each request's record as soon as it completes (to store it and report progress). It is always called
/// with <see cref="CancellationToken.None"/>: a finished measurement (cancelled ones included) must be stored.
/// Calls may come concurrently from several requests.
/// </summary>
public delegate ValueTask RecordCallback(RequestRecord record, CancellationToken cancellationToken);
