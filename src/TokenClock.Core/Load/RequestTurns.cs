namespace TokenClock.Core.Load;

/// <summary>
/// Strict alternation of requests between sequential series (A, B, A, B, ...): a series sends its next request only
/// when it holds the turn, and passes it on when that request ends. Slow background noise then lands on every
/// series alike instead of on whichever ran while it lasted. A series that finishes leaves the rotation.
/// </summary>
internal sealed class RequestTurns
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim[] _signals;
    private readonly bool[] _active;
    private int _holder;

    public RequestTurns(int participants)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(participants, 1);
        _signals = Enumerable.Range(0, participants).Select(_ => new SemaphoreSlim(0, 1)).ToArray();
        _active = Enumerable.Repeat(true, participants).ToArray();
        _signals[0].Release();
    }

    /// <summary>The handle a load runner of one series uses.</summary>
    public RequestTurn For(int participant) => new(this, participant);

    internal Task WaitAsync(int participant, CancellationToken ct) => _signals[participant].WaitAsync(ct);

    internal void Pass(int participant)
    {
        lock (_gate) GiveNext(participant);
    }

    /// <summary>The series is done (or failed): the others go on without it.</summary>
    internal void Leave(int participant)
    {
        lock (_gate)
        {
            if (!_active[participant]) return;
            _active[participant] = false;
            if (_holder == participant) GiveNext(participant);
        }
    }

    private void GiveNext(int from)
    {
        for (var step = 1; step <= _active.Length; step++)
        {
            var next = (from + step) % _active.Length;
            if (!_active[next]) continue;
            _holder = next;
            if (_signals[next].CurrentCount == 0) _signals[next].Release();
            return;
        }
    }
}
