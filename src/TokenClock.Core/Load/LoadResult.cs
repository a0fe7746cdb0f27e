namespace TokenClock.Core.Load;

/// <summary>What a load run did (the records themselves went to the sink as they completed).</summary>
/// <param name="Requests">Requests sent, warm-up included.</param>
/// <param name="MaxObservedInFlight">The most requests that were in flight at once.</param>
/// <param name="StartNs">Run instant the measured phase started (after preparation and warm-up).</param>
/// <param name="EndNs">Run instant the last request ended.</param>
public sealed record LoadResult(int Requests, int MaxObservedInFlight, long StartNs, long EndNs);
