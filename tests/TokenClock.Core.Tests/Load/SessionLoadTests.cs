using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using TokenClock.Core.Backends;
using TokenClock.Core.Load;
using TokenClock.Core.Results;
using TokenClock.Core.Timing;
using TokenClock.Core.Tokens;
using TokenClock.Core.Workloads;

namespace TokenClock.Core.Tests.Load;

/// <summary>Multi-turn sessions (<see cref="ISessionSource"/>): turns in order, the received replies in the history, a failure ends the session.</summary>
public sealed class SessionLoadTests
{
    /// <summary>Session i has <c>turns</c> turns "s{i}t{k}".</summary>
    private sealed class Sessions(int turns) : ISessionSource
    {
        public string Name => "sessions";
        public BackendRequest GetRequest(int index) => GetTurn(index, 0, []);
        public int TurnCount(int index) => turns;
        public BackendRequest GetTurn(int index, int turn, IReadOnlyList<ChatTurn> history) => new()
        {
            Prompt = string.Create(CultureInfo.InvariantCulture, $"s{index}t{turn}"),
            MaxTokens = 8,
            History = history,
            Tags = new Dictionary<string, string> { ["turn"] = (turn + 1).ToString(CultureInfo.InvariantCulture) },
        };
    }

    /// <summary>Answers "re:PROMPT" after a short wait, keeps each request, and fails the prompts it is told to.</summary>
    private sealed class EchoBackend(params string[] failOn) : IBackend
    {
        public ConcurrentQueue<BackendRequest> Seen { get; } = new();
        public BackendDescriptor Descriptor { get; } = new("echo", "scripted", "m", "memory://");

        public async IAsyncEnumerable<BackendEvent> StreamAsync(BackendRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Seen.Enqueue(request);
            yield return new RequestSent(TimeProvider.System.GetTimestamp());
            await Task.Delay(5, cancellationToken);
            if (failOn.Contains(request.Prompt))
            {
                yield return new StreamFailed(TimeProvider.System.GetTimestamp(), ErrorClass.HttpStatus, "scripted", 500);
                yield break;
            }
            yield return new ChunkReceived(TimeProvider.System.GetTimestamp(), "re:" + request.Prompt, Tokens: 1);
            yield return new StreamEnded(TimeProvider.System.GetTimestamp(), "stop");
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static async Task<List<RequestRecord>> RunAsync(IBackend backend, ISessionSource source, LoadOptions options)
    {
        var records = new ConcurrentQueue<RequestRecord>();
        var runner = new LoadRunner(new RequestRecorder(new RunClock(), new ApproximateTokenCounter()));
        await runner.RunAsync(backend, source, options, (r, _) =>
        {
            records.Enqueue(r);
            return ValueTask.CompletedTask;
        }, CancellationToken.None);
        return records.ToList();
    }

    [Fact]
    public async Task Sessions_send_their_turns_in_order_with_the_received_replies_as_history()
    {
        var backend = new EchoBackend();
        var records = await RunAsync(backend, new Sessions(3), new LoadOptions { Pattern = LoadPattern.ClosedLoop(2), Requests = 4 });

        Assert.Equal(12, records.Count); // 4 sessions x 3 turns; the replay preparation is not sent to the backend
        var sent = backend.Seen.ToList();
        Assert.Equal(12, sent.Count);
        foreach (var request in sent)
        {
            var turn = int.Parse(request.Prompt[(request.Prompt.IndexOf('t', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
            var session = request.Prompt[..request.Prompt.IndexOf('t', StringComparison.Ordinal)];
            var expected = Enumerable.Range(0, turn).SelectMany(k => new[] { ChatTurn.User($"{session}t{k}"), ChatTurn.Assistant($"re:{session}t{k}") });
            Assert.Equal(expected, request.History);
        }
        foreach (var session in records.GroupBy(r => r.Index))
        {
            var turns = session.OrderBy(r => r.Tags["turn"], StringComparer.Ordinal).ToList();
            Assert.Equal(["1", "2", "3"], turns.Select(r => r.Tags["turn"]));
            for (var i = 1; i < turns.Count; i++) Assert.True(turns[i].SentNs >= turns[i - 1].EndNs, "a turn went out before the previous reply ended");
        }
    }

    [Fact]
    public async Task A_failed_turn_ends_its_session_and_other_sessions_go_on()
    {
        var backend = new EchoBackend("s1t1");
        var records = await RunAsync(backend, new Sessions(3), new LoadOptions { Requests = 3 });

        Assert.Equal(["s0t0", "s0t1", "s0t2", "s1t0", "s1t1", "s2t0", "s2t1", "s2t2"], backend.Seen.Select(r => r.Prompt));
        Assert.Equal(ErrorClass.HttpStatus, Assert.Single(records, r => !r.Succeeded).Error);
    }

    [Fact]
    public async Task Local_token_count_includes_the_history()
    {
        var request = new BackendRequest { Prompt = "four more words here", History = [ChatTurn.User("one two"), ChatTurn.Assistant("three")] };

        Assert.Equal("one two\nthree\nfour more words here", request.InputText());
        Assert.Equal("User: one two\n\nAssistant: three\n\nUser: four more words here\n\nAssistant:", request.WithHistoryInPrompt().Prompt);
        Assert.Empty(request.WithHistoryInPrompt().History);
    }
}
