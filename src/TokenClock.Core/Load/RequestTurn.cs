namespace TokenClock.Core.Load;

/// <summary>One series' place in a <see cref="RequestTurns"/> rotation.</summary>
public sealed class RequestTurn
{
    private readonly RequestTurns _turns;
    private readonly int _participant;

    internal RequestTurn(RequestTurns turns, int participant)
    {
        _turns = turns;
        _participant = participant;
    }

    /// <summary>Completes when this series holds the turn.</summary>
    public Task WaitAsync(CancellationToken ct) => _turns.WaitAsync(_participant, ct);

    /// <summary>Hands the turn to the next series still in the rotation.</summary>
    public void Pass() => _turns.Pass(_participant);

    /// <summary>Leaves the rotation (the series is done or failed); passes the turn on if this series held it.</summary>
    public void Leave() => _turns.Leave(_participant);
}
