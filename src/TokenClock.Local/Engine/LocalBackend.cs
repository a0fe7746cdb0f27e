using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using TokenClock.Core.Backends;
using TokenClock.Core.Tokens;

namespace TokenClock.Local.Engine;

/// <summary>
/// A GGUF model run in this process by llama.cpp. The model is loaded once (on first use or by
/// <see cref="LoadAsync"/>) and kept; the load happens before <see cref="RequestSent"/>, so it never counts
/// in TTFT, and its duration is reported as <see cref="ServerTimings.LoadMs"/> on the request that paid for it.
/// One request runs at a time; others wait for the model (reported as <see cref="ServerTimings.QueueMs"/>).
/// One chunk per token, stamped when sampled.
/// </summary>
public sealed class LocalBackend : IBackend
{
    private readonly string _modelReference;
    private readonly LocalModelSettings _settings;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LocalEngine? _engine;
    private bool _loadReported;
    private bool _disposed;

    /// <param name="descriptor">How the backend is named in results.</param>
    /// <param name="modelReference">A GGUF path or a twin reference (see <see cref="LocalModelCache"/>).</param>
    /// <param name="settings">Threads, context, batch and mmap.</param>
    public LocalBackend(BackendDescriptor descriptor, string modelReference, LocalModelSettings settings)
    {
        Descriptor = descriptor;
        _modelReference = modelReference;
        _settings = settings;
    }

    /// <inheritdoc/>
    public BackendDescriptor Descriptor { get; }

    /// <summary>Load time in ms once loaded.</summary>
    public double? LoadMs => _engine?.LoadMs;

    /// <summary>The model's own tokenizer (loads the model if needed).</summary>
    public async Task<ITokenCounter> GetTokenCounterAsync(CancellationToken cancellationToken = default) =>
        new LocalTokenCounter(await LoadAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Resolves (synthesizing a twin if needed) and loads the model; idempotent.</summary>
    public async Task<LocalEngine> LoadAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_engine is { } loaded) return loaded;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await LoadUnderGateAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<LocalEngine> LoadUnderGateAsync(CancellationToken cancellationToken)
    {
        if (_engine is { } loaded) return loaded;
        _engine = await Task.Run(() =>
        {
            var path = LocalModelCache.Resolve(_modelReference, null, cancellationToken);
            return LocalEngine.Load(path, _settings);
        }, cancellationToken).ConfigureAwait(false);
        return _engine;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<BackendEvent> StreamAsync(BackendRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        // One text in: earlier turns of a session become a transcript in the prompt.
        request = request.WithHistoryInPrompt();
        var queued = Stopwatch.GetTimestamp();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        // Time spent waiting for the model (another request held it); the request is "sent" only after it.
        var queueMs = Stopwatch.GetElapsedTime(queued).TotalMilliseconds;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<GenerationResult>? work = null;
        try
        {
            var engine = await LoadUnderGateAsync(cancellationToken).ConfigureAwait(false);
            double? loadMs = null;
            if (!_loadReported)
            {
                loadMs = engine.LoadMs;
                _loadReported = true;
            }

            var channel = Channel.CreateUnbounded<GeneratedToken>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            yield return new RequestSent(Stopwatch.GetTimestamp());
            work = Task.Factory.StartNew(
                () => engine.Generate(request, t => channel.Writer.TryWrite(t), stop.Token),
                stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            _ = work.ContinueWith(t => channel.Writer.TryComplete(t.Exception?.InnerException), TaskScheduler.Default);

            await foreach (var token in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
                yield return new ChunkReceived(token.Timestamp, token.Text, null, token.Tokens);

            var result = await work.ConfigureAwait(false);
            var now = Stopwatch.GetTimestamp();
            yield return new UsageReported(now, new TokenUsage(result.PromptTokens, result.OutputTokens));
            yield return new ServerTimingsReported(now, new ServerTimings(result.PromptTokens, result.PromptMs, result.OutputTokens, result.DecodeMs, queueMs, loadMs));
            yield return new StreamEnded(now, result.FinishReason);
        }
        finally
        {
            // A consumer that stops early (or a cancel) must not leave native work running on the context.
            if (work is { IsCompleted: false })
            {
                stop.Cancel();
                try { await work.ConfigureAwait(false); } catch (Exception) { /* its outcome was already reported or is moot */ }
            }
            _gate.Release();
        }
    }

    /// <summary>Waits for the request in flight to stop, then frees the model.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _engine?.Dispose();
            _engine = null;
        }
        finally
        {
            _gate.Release();
        }
    }
}
