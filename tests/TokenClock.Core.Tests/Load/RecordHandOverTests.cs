using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using TokenClock.Core.Backends;
using TokenClock.Core.Load;
using TokenClock.Core.Timing;
using TokenClock.Core.Tokens;
using TokenClock.Core.Workloads;

namespace TokenClock.Core.Tests.Load;

/// <summary>
/// With inline socket completions (the CLI's measuring commands) a response's last bytes are processed on the
/// runtime's socket event thread. The record callback (the store's commit) must not run there: it would hold up
/// the reads, and so the timestamps, of every other stream on that thread.
/// </summary>
public sealed class RecordHandOverTests
{
    [Fact]
    public async Task The_record_callback_runs_on_the_thread_pool_when_the_stream_ends_on_another_thread()
    {
        await using var backend = new DedicatedThreadBackend();
        var onPool = new ConcurrentQueue<bool>();
        var runner = new LoadRunner(new RequestRecorder(new RunClock(), new ApproximateTokenCounter()));
        var source = new FixedPromptSource(new BackendRequest { Prompt = "hello", MaxTokens = 3 });

        await runner.RunAsync(backend, source, new LoadOptions { Requests = 4, Warmup = 1, Pattern = LoadPattern.ClosedLoop(2) }, (r, _) =>
        {
            onPool.Enqueue(Thread.CurrentThread.IsThreadPoolThread);
            return ValueTask.CompletedTask;
        }, CancellationToken.None);

        Assert.True(backend.EventsOnDedicatedThread > 0, "the backend's events did not come from its own thread; the test proves nothing");
        Assert.Equal(5, onPool.Count);
        Assert.All(onPool, Assert.True);
    }

    /// <summary>Every event after the send is resumed on one dedicated (non-pool) thread, as an event loop does.</summary>
    private sealed class DedicatedThreadBackend : IBackend
    {
        private readonly BlockingCollection<TaskCompletionSource> _wakeups = new();
        private readonly Thread _loop;
        private int _onLoop;

        public DedicatedThreadBackend()
        {
            _loop = new Thread(() =>
            {
                foreach (var tcs in _wakeups.GetConsumingEnumerable()) tcs.SetResult();
            }) { IsBackground = true, Name = "test-event-loop" };
            _loop.Start();
        }

        public BackendDescriptor Descriptor { get; } = new("loop", "scripted", "m", "memory://");
        public int EventsOnDedicatedThread => Volatile.Read(ref _onLoop);

        public async IAsyncEnumerable<BackendEvent> StreamAsync(BackendRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            yield return new RequestSent(TimeProvider.System.GetTimestamp());
            await OnLoopAsync();
            yield return new HeadersReceived(TimeProvider.System.GetTimestamp(), 200);
            for (var i = 0; i < 3; i++)
            {
                await OnLoopAsync();
                yield return new ChunkReceived(TimeProvider.System.GetTimestamp(), "tok ", Tokens: 1);
            }
            await OnLoopAsync();
            yield return new StreamEnded(TimeProvider.System.GetTimestamp(), "length");
        }

        // Completed synchronously by the loop thread, so the iterator continues there (no pool hop).
        private async Task OnLoopAsync()
        {
            var tcs = new TaskCompletionSource(TaskCreationOptions.None);
            _wakeups.Add(tcs);
            await tcs.Task.ConfigureAwait(false);
            if (Thread.CurrentThread == _loop) Interlocked.Increment(ref _onLoop);
        }

        public ValueTask DisposeAsync()
        {
            _wakeups.CompleteAdding();
            return ValueTask.CompletedTask;
        }
    }
}
