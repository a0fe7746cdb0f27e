using TokenClock.Core.Backends;

namespace TokenClock.Core.Workloads;

/// <summary>
/// A request source whose index names a session of several turns (multi-turn conversations). The load pattern
/// schedules sessions; the runner sends a session's turns one after another, each carrying the history: the
/// earlier user turns as sent and the replies as actually received. <see cref="IRequestSource.GetRequest"/> is
/// the first turn.
/// </summary>
public interface ISessionSource : IRequestSource
{
    /// <summary>How many turns the session at <paramref name="index"/> sends (at least 1).</summary>
    int TurnCount(int index);

    /// <summary>Turn <paramref name="turn"/> (0-based) of session <paramref name="index"/> after <paramref name="history"/>.</summary>
    BackendRequest GetTurn(int index, int turn, IReadOnlyList<ChatTurn> history);
}
