using System.Collections.Concurrent;
using System.Threading.Channels;
using TokenClock.Core.Load;
using TokenClock.Core.Timing;

namespace TokenClock.Server.Simulation;

/// <summary>
/// Runs a <see cref="CapacityModel"/> in real time: one dedicated thread executes decode steps on absolute
/// deadlines (step k+1 is due at step k's deadline plus t(b), not at "now plus t(b)", so timer lateness never
/// lowers the engine's throughput), admitting queued requests at step boundaries. Each request receives one
/// token per step through its own channel. A request whose caller cancels leaves the batch at the next step.
/// </summary>
internal sealed class BatchingEngine : IDisposable
{
    /// <summary>If the thread falls further behind than this (a GC pause, a starved CPU), it drops the debt rather than burst.</summary>
    private const long MaxLagNs = 50_000_000;

    private readonly CapacityModel _model;
    private readonly RunClock _clock = new(TimeProvider.System);
    private readonly ConcurrentQueue<Job> _queue = new();
    private readonly SemaphoreSlim _arrivals = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private int _queued;
    private int _active;

    public BatchingEngine(CapacityModel model)
    {
        _model = model;
        _thread = new Thread(Loop) { IsBackground = true, Name = "tokenclock-batching-engine" };
        _thread.Start();
    }

    /// <summary>Requests waiting for a batch slot now.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Requests in the running batch now.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Queues a request of <paramref name="tokens"/> output tokens; the reader yields once per token, as each step ends.</summary>
    public ChannelReader<int> Submit(int tokens, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        if (tokens <= 0)
        {
            channel.Writer.TryComplete();
            return channel.Reader;
        }
        Interlocked.Increment(ref _queued);
        _queue.Enqueue(new Job(tokens, channel.Writer, cancellationToken));
        _arrivals.Release();
        return channel.Reader;
    }

    private void Loop()
    {
        PreciseWait.PrepareThread();
        var batch = new List<Job>(_model.MaxBatch);
        long deadline = 0;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (batch.Count == 0 && _queue.IsEmpty)
                {
                    _arrivals.Wait(_stop.Token);
                    deadline = _clock.ElapsedNs(); // an idle engine starts a step the moment work arrives
                }
                while (_arrivals.CurrentCount > 0 && _arrivals.Wait(0)) { } // permits only wake the idle wait
                while (batch.Count < _model.MaxBatch && _queue.TryDequeue(out var job))
                {
                    Interlocked.Decrement(ref _queued);
                    if (job.Cancelled) job.Writer.TryComplete();
                    else batch.Add(job);
                }
                batch.RemoveAll(j => j.Cancelled && j.Writer.TryComplete());
                Volatile.Write(ref _active, batch.Count);
                if (batch.Count == 0) continue;

                deadline = Math.Max(deadline, _clock.ElapsedNs() - MaxLagNs) + (long)(_model.StepTimeMs(batch.Count) * 1e6);
                PreciseWait.Until(_clock, deadline, _stop.Token);
                for (var i = batch.Count - 1; i >= 0; i--)
                {
                    var job = batch[i];
                    job.Writer.TryWrite(1);
                    if (--job.Remaining > 0) continue;
                    job.Writer.TryComplete();
                    batch.RemoveAt(i);
                }
                Volatile.Write(ref _active, batch.Count);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        foreach (var job in batch) job.Writer.TryComplete(new OperationCanceledException("the simulated engine stopped"));
        while (_queue.TryDequeue(out var left)) left.Writer.TryComplete(new OperationCanceledException("the simulated engine stopped"));
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(5));
        _stop.Dispose();
        _arrivals.Dispose();
    }

    private sealed class Job(int tokens, ChannelWriter<int> writer, CancellationToken cancellationToken)
    {
        public int Remaining { get; set; } = tokens;
        public ChannelWriter<int> Writer { get; } = writer;
        public bool Cancelled => cancellationToken.IsCancellationRequested;
    }
}
