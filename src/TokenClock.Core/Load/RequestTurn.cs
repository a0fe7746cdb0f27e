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

    public Task WaitAsync(CancellationToken ct) => _turns.WaitAsync(_participant, ct);

    public void Pass() => _turns.Pass(_participant);

    public void Leave() => _turns.Leave(_participant);
}
