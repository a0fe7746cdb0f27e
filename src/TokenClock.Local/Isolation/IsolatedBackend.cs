using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using TokenClock.Core.Backends;
using TokenClock.Local.Engine;

namespace TokenClock.Local.Isolation;

/// <summary>
/// A local model run in its own child process (<c>tokenclock local-worker</c>), so its memory returns to the
/// OS when the child exits (<see cref="DisposeAsync"/>). Events arrive as JSON lines and are timestamped here
/// on receipt. The child starts on first use; a child that dies becomes a classified error for the request
/// in flight (never a hang) and the next request starts a fresh one. Cancelling stops the child's request
/// (or kills the child if it does not answer) and is never retried.
/// </summary>
public sealed class IsolatedBackend : IBackend
{
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(3);
    private const int KeptStderrLines = 20;

    private readonly WorkerLauncher _launcher;
    private readonly string _modelReference;
    private readonly LocalModelSettings _settings;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<string> _stderr = new();
    private Process? _child;
    private double? _pendingLoadMs;
    private long _nextId;
    private bool _disposed;

    /// <param name="descriptor">How the backend is named in results.</param>
    /// <param name="modelReference">A GGUF path or a twin reference, resolved by the child.</param>
    /// <param name="settings">Passed to the child (which loads in process).</param>
    /// <param name="launcher">How the child is started.</param>
    public IsolatedBackend(BackendDescriptor descriptor, string modelReference, LocalModelSettings settings, WorkerLauncher launcher)
    {
        Descriptor = descriptor;
        _modelReference = modelReference;
        _settings = settings;
        _launcher = launcher;
    }

    /// <inheritdoc/>
    public BackendDescriptor Descriptor { get; }

    /// <summary>Process id of the running child, if any (for diagnostics and tests).</summary>
    public int? ChildProcessId => _child is { HasExited: false } c ? c.Id : null;

    /// <summary>Starts the child and loads the model now (otherwise the first request does, before RequestSent).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try { await EnsureChildAsync(cancellationToken).ConfigureAwait(false); }
        finally { _gate.Release(); }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<BackendEvent> StreamAsync(BackendRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        request = request.WithHistoryInPrompt(); // the worker takes one text: earlier turns go into it
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var finished = false;
        Process? child = null;
        var id = ++_nextId;
        try
        {
            child = await EnsureChildAsync(cancellationToken).ConfigureAwait(false);
            var loadMs = _pendingLoadMs;
            _pendingLoadMs = null;
            await SendAsync(child, new WorkerMessage
            {
                Op = "generate",
                Id = id,
                Prompt = request.Prompt,
                System = request.SystemPrompt,
                MaxTokens = request.MaxTokens,
                MinTokens = request.MinTokens,
                IgnoreEos = request.IgnoreEos,
                Temperature = request.Temperature,
                Seed = request.Seed,
            }).ConfigureAwait(false);
            yield return new RequestSent(Stopwatch.GetTimestamp());

            TokenUsage? usage = null;
            while (true)
            {
                var (stamp, msg) = await ReadAsync(child, cancellationToken).ConfigureAwait(false);
                if (msg.Id != id) continue;
                switch (msg.Ev)
                {
                    case "token":
                        yield return new ChunkReceived(stamp, msg.Text ?? "", null, msg.Tokens);
                        break;
                    case "usage":
                        usage = new TokenUsage(msg.InputTokens, msg.OutputTokens);
                        yield return new UsageReported(stamp, usage.Value);
                        break;
                    case "timings":
                        yield return new ServerTimingsReported(stamp, new ServerTimings(msg.InputTokens, msg.PromptMs, msg.OutputTokens, msg.PredictedMs, null, loadMs));
                        break;
                    case "end":
                        finished = true;
                        yield return new StreamEnded(stamp, msg.Finish);
                        yield break;
                    case "failed":
                        finished = true;
                        var cls = Enum.TryParse<ErrorClass>(msg.ErrorClass, out var c) ? c : ErrorClass.Other;
                        yield return new StreamFailed(stamp, cls, "local worker: " + msg.Message);
                        yield break;
                    case "cancelled":
                        finished = true;
                        throw new OperationCanceledException(cancellationToken);
                }
            }
        }
        finally
        {
            if (!finished && child is { HasExited: false })
                await StopRequestAsync(child, id).ConfigureAwait(false);
            _gate.Release();
        }
    }

    /// <summary>Asks the child to stop request <paramref name="id"/>; kills it if it does not confirm in time.</summary>
    private async Task StopRequestAsync(Process child, long id)
    {
        try
        {
            await SendAsync(child, new WorkerMessage { Op = "cancel", Id = id }).ConfigureAwait(false);
            using var grace = new CancellationTokenSource(CancelGrace);
            while (true)
            {
                var (_, msg) = await ReadAsync(child, grace.Token).ConfigureAwait(false);
                if (msg.Id == id && msg.Ev is "cancelled" or "end" or "failed") return;
            }
        }
        catch (Exception)
        {
            // No confirmation (dead pipe, timeout): the child's state is unknown, so it goes.
            Kill(child);
        }
    }

    private async Task<Process> EnsureChildAsync(CancellationToken cancellationToken)
    {
        if (_child is { HasExited: false } alive) return alive;
        if (_child is not null) { _child.Dispose(); _child = null; }
        lock (_stderr) _stderr.Clear();

        var child = Process.Start(_launcher.StartInfo())
            ?? throw new BackendException(ErrorClass.Other, $"could not start the local worker '{_launcher.Launch.FileName}'");
        child.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr)
            {
                _stderr.Enqueue(e.Data);
                while (_stderr.Count > KeptStderrLines) _stderr.Dequeue();
            }
        };
        child.BeginErrorReadLine();
        _child = child;
        try
        {
            await SendAsync(child, new WorkerMessage { Op = "init", Model = _modelReference, Settings = new Dictionary<string, string>(_settings.ToDictionary()) }).ConfigureAwait(false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(LoadTimeout);
            var (_, ready) = await ReadAsync(child, timeout.Token).ConfigureAwait(false);
            if (ready.Ev != "ready")
                throw new BackendException(ErrorClass.Other, $"local worker could not load '{_modelReference}': {ready.Message}");
            _pendingLoadMs = ready.LoadMs;
            return child;
        }
        catch
        {
            Kill(child);
            throw;
        }
    }

    private static async Task SendAsync(Process child, WorkerMessage message)
    {
        var line = JsonSerializer.Serialize(message, WorkerJsonContext.Default.WorkerMessage);
        try
        {
            await child.StandardInput.WriteLineAsync(line).ConfigureAwait(false);
            await child.StandardInput.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new BackendException(ErrorClass.Disconnect, "the local worker process is gone (its input pipe closed)", inner: ex);
        }
    }

    /// <summary>Reads the next protocol line; timestamps it before parsing. A closed pipe is a classified error.</summary>
    private async Task<(long Stamp, WorkerMessage Message)> ReadAsync(Process child, CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await child.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            var stamp = Stopwatch.GetTimestamp();
            if (line is null) throw Died(child);
            if (line.Length == 0 || line[0] != '{') continue; // not protocol: ignore stray output
            WorkerMessage? msg;
            try { msg = JsonSerializer.Deserialize(line, WorkerJsonContext.Default.WorkerMessage); }
            catch (JsonException) { continue; }
            if (msg is not null) return (stamp, msg);
        }
    }

    private BackendException Died(Process child)
    {
        child.WaitForExit(2000);
        var code = child.HasExited ? child.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown";
        string tail;
        lock (_stderr) tail = string.Join(" | ", _stderr.TakeLast(3));
        return new BackendException(ErrorClass.Disconnect,
            $"the local worker process for '{_modelReference}' exited (code {code}) before the response ended" +
            (tail.Length > 0 ? $"; its last output: {tail}" : "") + ". The next request starts a new worker.");
    }

    private static void Kill(Process child)
    {
        try { if (!child.HasExited) child.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* already gone */ }
    }

    /// <summary>Asks the child to exit, killing it if it does not in time; its memory goes back to the OS.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_child is { } child)
            {
                if (!child.HasExited)
                {
                    try { await SendAsync(child, new WorkerMessage { Op = "exit" }).ConfigureAwait(false); } catch (BackendException) { }
                    using var wait = new CancellationTokenSource(CancelGrace);
                    try { await child.WaitForExitAsync(wait.Token).ConfigureAwait(false); }
                    catch (OperationCanceledException) { Kill(child); }
                }
                child.Dispose();
                _child = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
