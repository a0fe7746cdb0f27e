namespace TokenClock.Routing.Hedging;

/// <summary>Extra requests allowed so far: <c>burst + fraction · requests − hedges</c>. Lock-free.</summary>
internal sealed class HedgingBudget(double fraction, int burst)
{
    private long _requests;
    private long _hedges;

    public long Requests => Interlocked.Read(ref _requests);
    public long Hedges => Interlocked.Read(ref _hedges);

    /// <summary>Counts one request and returns its number (1-based).</summary>
    public long CountRequest() => Interlocked.Increment(ref _requests);

    public bool TryAcquire()
    {
        while (true)
        {
            var hedges = Interlocked.Read(ref _hedges);
            if (hedges + 1 > burst + fraction * Interlocked.Read(ref _requests)) return false;
            if (Interlocked.CompareExchange(ref _hedges, hedges + 1, hedges) == hedges) return true;
        }
    }
}
