using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TokenClock.Core.Backends;
using TokenClock.Core.Tokens;
using TokenClock.Server.Protocol;
using TokenClock.Server.Simulation;

namespace TokenClock.Server.Hosting;

/// <summary>
/// Serves one chat request from any <see cref="IBackend"/>: checks the body, applies a fault if asked, waits for a
/// model slot (queue), streams the backend's events in the caller's dialect and records the true schedule.
/// </summary>
internal sealed class ChatHandler
{
    public const string ScheduleHeader = "x-tokenclock-schedule-id";
    public const string FaultHeader = "x-tokenclock-fault";
    public const string FaultAfterHeader = "x-tokenclock-fault-after";
    public const string QueueHeader = "x-tokenclock-queue-ms";
    /// <summary>Test quirk: omit the usage chunk even when include_usage was asked (servers that ignore it).</summary>
    public const string NoUsageHeader = "x-tokenclock-no-usage";
    /// <summary>Internal start-up request: zero delays, no schedule kept (it only compiles the hot path).</summary>
    public const string WarmupHeader = "x-tokenclock-warmup";

    private readonly IBackend _backend;
    private readonly SimulatedBackend? _simulator;
    private readonly SimulatedBackend? _warmup;
    private readonly TokenClockServerOptions _options;
    private readonly FaultProfile _faults;
    private readonly ScheduleStore _store;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim? _gate;
    private readonly Random _faultRandom;
    private readonly bool _timings;
    private readonly CancellationToken _stopping;
    private int _inFlight;
    private int _cut;

    /// <param name="backend">Answers every request; a simulator also gets a zero-delay twin for warm-up requests.</param>
    /// <param name="options">Limits and features (concurrency, body size, API key, llama.cpp timings).</param>
    /// <param name="store">Receives each response's schedule when it ends.</param>
    /// <param name="time">The clock schedules are taken with.</param>
    /// <param name="stopping">Cancelled when the server stops: every request in flight ends at once (a stream is
    /// cut, so the client sees a disconnect) instead of holding the shutdown until it finishes.</param>
    public ChatHandler(IBackend backend, TokenClockServerOptions options, ScheduleStore store, TimeProvider time, CancellationToken stopping = default)
    {
        _stopping = stopping;
        _backend = backend;
        _simulator = backend as SimulatedBackend;
        _warmup = _simulator is null ? null : new SimulatedBackend(_simulator.Profile with
        {
            Ttft = LatencyDistribution.Fixed(0),
            Tpot = LatencyDistribution.Fixed(0),
            Faults = FaultProfile.None,
            Capacity = null, // the warm-up request must not take a batch slot
        });
        _options = options;
        _faults = _simulator?.Profile.Faults ?? FaultProfile.None;
        _store = store;
        _time = time;
        _gate = options.MaxConcurrency is { } n ? new SemaphoreSlim(n, n) : null;
        _faultRandom = new Random(_simulator?.Profile.Seed ?? 1);
        _timings = options.LlamaCppTimings || (_simulator?.Profile.LlamaCppTimings ?? false);
    }

    public string ModelName => _backend.Descriptor.Model;

    /// <summary>Queue length, running requests and token counters, served on /metrics.</summary>
    public ServingMetrics Metrics { get; } = new();

    /// <summary>Chat requests being handled now (queued or streaming).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Requests that were in flight when the server began to stop, and were cut.</summary>
    public int CutOnStop => Volatile.Read(ref _cut);

    public async Task HandleAsync(HttpContext ctx, ChatProtocol protocol)
    {
        var arrival = _time.GetTimestamp();
        var warmup = _warmup is not null && ctx.Request.Headers.ContainsKey(WarmupHeader);
        var rec = new ScheduleRecorder(_store.NextId(), protocol == ChatProtocol.OpenAI ? "openai" : "anthropic", arrival, _time);
        ctx.Response.Headers[ScheduleHeader] = rec.Id;
        Interlocked.Increment(ref _inFlight);
        var finished = false;
        try
        {
            await HandleCoreAsync(ctx, protocol, rec, warmup ? _warmup : _simulator, warmup ? null : Metrics).ConfigureAwait(false);
            finished = true;
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // The client went away; the schedule keeps what was written (completed = false).
        }
        catch (IOException) when (ctx.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception) when (_stopping.IsCancellationRequested && !ctx.RequestAborted.IsCancellationRequested)
        {
            // The server is stopping: cut the stream (a 503 if nothing was sent yet) rather than end it quietly.
            if (!ctx.Response.HasStarted)
                await ErrorResponses.WriteAsync(ctx, protocol, 503, "server_shutting_down", "the server is stopping; send the request again to a running server").ConfigureAwait(false);
            else
                ctx.Abort();
        }
        catch (Exception ex) when (!ctx.RequestAborted.IsCancellationRequested)
        {
            // A backend that throws (rather than yielding StreamFailed) still gets a provider-style answer:
            // a 500 before the stream started, else a cut connection (the client classifies it as a disconnect).
            if (!ctx.Response.HasStarted)
                await ErrorResponses.WriteAsync(ctx, protocol, 500, "server_error", $"backend failed: {ex.Message}").ConfigureAwait(false);
            else
                ctx.Abort();
        }
        finally
        {
            if (!finished && _stopping.IsCancellationRequested) Interlocked.Increment(ref _cut);
            Interlocked.Decrement(ref _inFlight);
            if (!warmup && !rec.Completed) Metrics.Finished(success: false, 0, 0);
            rec.Status = ctx.Response.StatusCode;
            if (!warmup) _store.Add(rec.Freeze());
        }
    }

    private async Task HandleCoreAsync(HttpContext ctx, ChatProtocol protocol, ScheduleRecorder rec, SimulatedBackend? simulator, ServingMetrics? metrics)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, _stopping);
        var ct = linked.Token;
        if (_options.RequiredApiKey is { } key && !HasKey(ctx.Request, key))
        {
            await ErrorResponses.WriteAsync(ctx, protocol, 401, "authentication_error", "missing or wrong API key (Authorization: Bearer, api-key or x-api-key)").ConfigureAwait(false);
            return;
        }

        ParsedChatRequest parsed;
        try
        {
            var body = await ReadBodyAsync(ctx.Request, ct).ConfigureAwait(false);
            parsed = protocol == ChatProtocol.OpenAI
                ? ChatRequestReader.ParseOpenAI(body, _options.MaxOutputTokens)
                : ChatRequestReader.ParseAnthropic(body, _options.MaxOutputTokens);
        }
        catch (RequestException ex)
        {
            await ErrorResponses.WriteAsync(ctx, protocol, 400, "invalid_request_error", ex.Message, ex.Param).ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ErrorResponses.WriteAsync(ctx, protocol, 413, "invalid_request_error",
                $"request body larger than the server's limit of {_options.MaxRequestBodyBytes.ToString(CultureInfo.InvariantCulture)} bytes").ConfigureAwait(false);
            return;
        }
        rec.Model = parsed.Model ?? ModelName;
        rec.Seed = parsed.Request.Seed;
        if (ctx.Request.Headers.ContainsKey(NoUsageHeader)) parsed = parsed with { IncludeUsage = false };

        if (!TryFault(ctx.Request, out var fault, out var faultAfter, out var faultError))
        {
            await ErrorResponses.WriteAsync(ctx, protocol, 400, "invalid_request_error", faultError!, FaultHeader).ConfigureAwait(false);
            return;
        }
        rec.Fault = FaultNames.Name(fault);
        switch (fault)
        {
            case FaultKind.RateLimit:
                ctx.Response.Headers.RetryAfter = _faults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await ErrorResponses.WriteAsync(ctx, protocol, 429, "rate_limit_exceeded", "Rate limit reached (simulated). Retry after the Retry-After delay.").ConfigureAwait(false);
                return;
            case FaultKind.ServerError:
                await ErrorResponses.WriteAsync(ctx, protocol, 500, "server_error", "The server had an error while processing your request (simulated).").ConfigureAwait(false);
                return;
            case FaultKind.Unavailable:
                await ErrorResponses.WriteAsync(ctx, protocol, 503, "server_error", "The engine is currently overloaded (simulated).").ConfigureAwait(false);
                return;
        }

        if (_gate is not null)
        {
            metrics?.EnterQueue();
            try { await _gate.WaitAsync(ct).ConfigureAwait(false); }
            finally { metrics?.LeaveQueue(); }
        }
        metrics?.StartRunning();
        try
        {
            rec.QueueMs = rec.NowMs();
            ctx.Response.Headers[QueueHeader] = rec.QueueMs.ToString("0.###", CultureInfo.InvariantCulture);
            await StreamAsync(ctx, protocol, parsed, rec, simulator, fault, faultAfter, metrics, ct).ConfigureAwait(false);
        }
        finally
        {
            metrics?.StopRunning();
            _gate?.Release();
        }
    }

    private async Task StreamAsync(
        HttpContext ctx, ChatProtocol protocol, ParsedChatRequest parsed, ScheduleRecorder rec, SimulatedBackend? simulator, FaultKind fault, int faultAfter,
        ServingMetrics? metrics, CancellationToken ct)
    {
        var request = parsed.Request;
        var model = parsed.Model ?? ModelName;
        var inputTokens = ApproximateTokenCounter.Instance.CountTokens(request.SystemPrompt + request.Prompt);
        IChatStreamWriter? writer = null;
        if (parsed.Stream)
        {
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "text/event-stream";
            ctx.Response.Headers.CacheControl = "no-cache";
            await ctx.Response.StartAsync(ct).ConfigureAwait(false);
            var sse = new SseWriter(ctx.Response.BodyWriter);
            writer = protocol == ChatProtocol.OpenAI
                ? new OpenAIStreamWriter(sse, "chatcmpl-tc-" + rec.Id, model, parsed.IncludeUsage, _timings)
                : new AnthropicStreamWriter(sse, "msg_tc_" + rec.Id, model);
            rec.Event();
            await writer.StartAsync(inputTokens, ct).ConfigureAwait(false);
        }

        var start = _time.GetTimestamp();
        long? firstToken = null;
        var chunks = 0;
        var localTokens = 0;
        TokenUsage? usage = null;
        ServerTimings? timings = null;
        string? finish = null;
        var text = parsed.Stream ? null : new StringBuilder();
        var reasoning = parsed.Stream ? null : new StringBuilder();
        var events = simulator is not null
            ? simulator.StreamAsync(request, simulator.NextRandom(request.Seed), rec.ArrivalTimestamp, ct)
            : _backend.StreamAsync(request, ct);
        Exception? backendError = null;
        try
        {
            await foreach (var e in events.ConfigureAwait(false))
            {
                switch (e)
                {
                    case ChunkReceived c when !string.IsNullOrEmpty(c.Text) || !string.IsNullOrEmpty(c.ReasoningText):
                        if (fault is FaultKind.Disconnect or FaultKind.Malformed or FaultKind.Stall && chunks == faultAfter)
                        {
                            if (fault == FaultKind.Disconnect)
                            {
                                rec.End();
                                ctx.Abort();
                                return;
                            }
                            if (fault == FaultKind.Malformed && writer is not null)
                            {
                                rec.Event();
                                await writer.MalformedAsync(ct).ConfigureAwait(false);
                                await ctx.Response.BodyWriter.FlushAsync(ct).ConfigureAwait(false);
                                rec.End();
                                return;
                            }
                            if (fault == FaultKind.Stall)
                                await Task.Delay(TimeSpan.FromMilliseconds(_faults.StallMs > 0 ? _faults.StallMs : 30_000), _time, ct).ConfigureAwait(false);
                            fault = FaultKind.None;
                        }
                        var tokens = c.Tokens ?? Math.Max(1, ApproximateTokenCounter.Instance.CountTokens(c.Text.Length > 0 ? c.Text : c.ReasoningText!));
                        if (c.Text.Length > 0) localTokens += tokens;
                        firstToken ??= _time.GetTimestamp();
                        rec.Chunk(tokens, c.Text.Length > 0 ? c.Text.Length : c.ReasoningText!.Length, c.Text.Length == 0);
                        if (writer is not null) await writer.ChunkAsync(c, ct).ConfigureAwait(false);
                        text?.Append(c.Text);
                        reasoning?.Append(c.ReasoningText);
                        chunks++;
                        break;
                    case UsageReported u:
                        usage = u.Usage;
                        break;
                    case ServerTimingsReported s:
                        timings = s.Timings;
                        break;
                    case StreamEnded end:
                        finish = end.FinishReason;
                        break;
                    case StreamFailed f:
                        await FailAsync(ctx, protocol, writer, $"backend failed ({f.Class}): {f.Message}", ct).ConfigureAwait(false);
                        rec.End();
                        return;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            backendError = ex;
        }
        if (backendError is not null)
        {
            // A backend that throws (rather than yielding StreamFailed): an error event in the stream, or a 500.
            await FailAsync(ctx, protocol, writer, $"backend failed: {backendError.Message}", ct).ConfigureAwait(false);
            rec.End();
            return;
        }

        var now = _time.GetTimestamp();
        var output = usage?.OutputTokens ?? localTokens;
        var finalUsage = new TokenUsage(usage?.InputTokens ?? inputTokens, output, usage?.ReasoningTokens);
        timings ??= new ServerTimings(
            finalUsage.InputTokens,
            _time.GetElapsedTime(start, firstToken ?? now).TotalMilliseconds,
            output,
            _time.GetElapsedTime(firstToken ?? now, now).TotalMilliseconds);
        timings = timings with { QueueMs = rec.QueueMs };
        var summary = new StreamSummary(finish ?? "stop", finalUsage, timings);
        rec.End();
        if (writer is not null) await writer.FinishAsync(summary, ct).ConfigureAwait(false);
        else await NonStreamingResponse.WriteAsync(ctx, protocol, "tc-" + rec.Id, model, text!.ToString(), reasoning!.ToString(), summary, _timings).ConfigureAwait(false);
        metrics?.Finished(success: true, finalUsage.InputTokens ?? 0, finalUsage.OutputTokens ?? 0);
        rec.Completed = true;
    }

    private static async Task FailAsync(HttpContext ctx, ChatProtocol protocol, IChatStreamWriter? writer, string message, CancellationToken ct)
    {
        if (writer is not null) await writer.ErrorEventAsync(message, ct).ConfigureAwait(false);
        else await ErrorResponses.WriteAsync(ctx, protocol, 500, "server_error", message).ConfigureAwait(false);
    }

    private bool TryFault(HttpRequest request, out FaultKind fault, out int after, out string? error)
    {
        error = null;
        after = _faults.AfterChunks;
        if (request.Headers.TryGetValue(FaultAfterHeader, out var afterText))
        {
            if (!int.TryParse(afterText, NumberStyles.Integer, CultureInfo.InvariantCulture, out after) || after < 0)
            {
                fault = FaultKind.None;
                error = $"header {FaultAfterHeader} '{afterText}' must be a whole number >= 0";
                return false;
            }
        }
        if (request.Headers.TryGetValue(FaultHeader, out var named))
        {
            if (FaultNames.TryParse(named, out fault)) return true;
            error = $"header {FaultHeader} '{named}' is unknown; valid: {FaultNames.Valid}";
            return false;
        }
        lock (_faultRandom) fault = _faults.Draw(_faultRandom);
        return true;
    }

    private static bool HasKey(HttpRequest request, string key)
    {
        var auth = request.Headers.Authorization.ToString();
        return auth == "Bearer " + key
            || request.Headers["api-key"].ToString() == key
            || request.Headers["x-api-key"].ToString() == key;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
        if (buffer.Length == 0) throw new RequestException(null, "the request body is empty; send a JSON object");
        return buffer.ToArray();
    }
}
