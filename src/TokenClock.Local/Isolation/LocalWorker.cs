using System.Text;
using System.Text.Json;
using TokenClock.Core.Backends;
using TokenClock.Core.Timing;
using TokenClock.Local.Engine;

namespace TokenClock.Local.Isolation;

/// <summary>
/// The child side of <see cref="IsolatedBackend"/> (the hidden <c>tokenclock local-worker</c> command):
/// reads JSON lines from stdin, loads the model once, streams one event line per token to stdout.
/// Stdin closing (the parent died) ends the worker. Nothing else may write to stdout.
/// </summary>
public static class LocalWorker
{
    /// <summary>Serves requests until <paramref name="input"/> ends; returns the process exit code (0, or 1 when the
    /// model could not be loaded).</summary>
    public static async Task<int> RunAsync(Stream input, Stream output, CancellationToken cancellationToken)
    {
        // Stray Console.WriteLine calls must not corrupt the protocol stream.
        Console.SetOut(Console.Error);
        using var reader = new StreamReader(input, Encoding.UTF8);
        var writer = new StreamWriter(output, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        var writeLock = new SemaphoreSlim(1, 1);
        async Task Send(WorkerMessage m)
        {
            var line = JsonSerializer.Serialize(m, WorkerJsonContext.Default.WorkerMessage);
            await writeLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try { await writer.WriteLineAsync(line).ConfigureAwait(false); }
            finally { writeLock.Release(); }
        }

        LocalEngine? engine = null;
        Task? running = null;
        CancellationTokenSource? current = null;
        long currentId = 0;
        try
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                var msg = JsonSerializer.Deserialize(line, WorkerJsonContext.Default.WorkerMessage);
                switch (msg?.Op)
                {
                    case "init":
                        try
                        {
                            var settings = LocalModelSettings.From(msg.Settings ?? [], out _) with { Isolate = false };
                            var path = LocalModelCache.Resolve(msg.Model ?? "", null, cancellationToken);
                            engine = LocalEngine.Load(path, settings);
                            await Send(new WorkerMessage { Ev = "ready", LoadMs = engine.LoadMs, Model = path }).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            await Send(new WorkerMessage { Ev = "failed", ErrorClass = nameof(ErrorClass.Other), Message = ex.Message }).ConfigureAwait(false);
                            return 1;
                        }
                        break;
                    case "generate" when engine is not null:
                        if (running is not null) await running.ConfigureAwait(false);
                        current?.Dispose();
                        current = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        currentId = msg.Id;
                        var token = current.Token;
                        var e = engine;
                        running = Task.Factory.StartNew(() => Generate(e, msg, Send, token), token, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
                        break;
                    case "cancel":
                        if (msg.Id == currentId) current?.Cancel();
                        break;
                    case "exit":
                        return 0;
                }
            }
            return 0;
        }
        finally
        {
            current?.Cancel();
            if (running is not null) { try { await running.ConfigureAwait(false); } catch (OperationCanceledException) { } }
            engine?.Dispose();
        }
    }

    private static async Task Generate(LocalEngine engine, WorkerMessage msg, Func<WorkerMessage, Task> send, CancellationToken ct)
    {
        var request = new BackendRequest
        {
            Prompt = msg.Prompt ?? "",
            SystemPrompt = msg.System,
            MaxTokens = msg.MaxTokens,
            MinTokens = msg.MinTokens,
            IgnoreEos = msg.IgnoreEos,
            Temperature = msg.Temperature,
            Seed = msg.Seed,
        };
        try
        {
            // Writes happen on the generating thread so each line leaves as soon as its token exists.
            var result = engine.Generate(request, t => send(new WorkerMessage { Ev = "token", Id = msg.Id, Text = t.Text, Tokens = t.Tokens }).GetAwaiter().GetResult(), ct);
            await send(new WorkerMessage { Ev = "usage", Id = msg.Id, InputTokens = result.PromptTokens, OutputTokens = result.OutputTokens }).ConfigureAwait(false);
            await send(new WorkerMessage { Ev = "timings", Id = msg.Id, InputTokens = result.PromptTokens, OutputTokens = result.OutputTokens, PromptMs = result.PromptMs, PredictedMs = result.DecodeMs }).ConfigureAwait(false);
            await send(new WorkerMessage { Ev = "end", Id = msg.Id, Finish = result.FinishReason }).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await send(new WorkerMessage { Ev = "cancelled", Id = msg.Id }).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var (cls, _) = RequestRecorder.Classify(ex);
            await send(new WorkerMessage { Ev = "failed", Id = msg.Id, ErrorClass = cls.ToString(), Message = ex.Message }).ConfigureAwait(false);
        }
    }
}
