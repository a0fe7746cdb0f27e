using System.Net;
using System.Net.Http;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TokenClock.Core.Backends;
using TokenClock.Server.Protocol;
using TokenClock.Server.Simulation;

namespace TokenClock.Server.Hosting;

/// <summary>
/// A loopback Kestrel server that exposes any <see cref="IBackend"/> as OpenAI <c>/v1/chat/completions</c>
/// (also <c>/chat/completions</c> and Azure's <c>/openai/deployments/{name}/chat/completions</c>),
/// <c>/v1/models</c> and Anthropic <c>/v1/messages</c>, Prometheus metrics on <c>/metrics</c>, and serves each response's true schedule at
/// <c>GET /tokenclock/schedule/{id}</c> (the id is in the <c>x-tokenclock-schedule-id</c> response header).
/// </summary>
public sealed class TokenClockServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IBackend _backend;
    private readonly bool _ownsBackend;
    private readonly ChatHandler _handler;

    private TokenClockServer(WebApplication app, IBackend backend, bool ownsBackend, ScheduleStore schedules, Uri baseAddress, ChatHandler handler)
    {
        _handler = handler;
        _app = app;
        _backend = backend;
        _ownsBackend = ownsBackend;
        Schedules = schedules;
        BaseAddress = baseAddress;
    }

    /// <summary>The bound address, e.g. http://127.0.0.1:8089/ (the real port when 0 was asked).</summary>
    public Uri BaseAddress { get; }

    /// <summary>Base URL for OpenAI-compatible clients: <c>{BaseAddress}v1</c>.</summary>
    public Uri OpenAIBaseUrl => new(BaseAddress, "v1");

    /// <summary>The true schedule of each recent response (also served at <c>GET /tokenclock/schedule/{id}</c>).</summary>
    public ScheduleStore Schedules { get; }

    /// <summary>The backend that answers requests (a simulator or a local model).</summary>
    public BackendDescriptor Backend => _backend.Descriptor;

    /// <summary>Queue length, running requests and token counters (also served as Prometheus text on /metrics).</summary>
    public ServingMetrics Metrics => _handler.Metrics;

    /// <summary>Chat requests in flight now; stopping cuts them at once.</summary>
    public int InFlight => _handler.InFlight;

    /// <summary>Requests cut because they were still in flight when the server stopped.</summary>
    public int CutOnStop => _handler.CutOnStop;

    /// <summary>Completes when the server stops.</summary>
    public Task Completion => _app.WaitForShutdownAsync();

    /// <summary>Starts a simulator with the given latency profile (unlimited concurrency unless options say otherwise).</summary>
    public static Task<TokenClockServer> StartSimulatorAsync(
        SimulationProfile profile, TokenClockServerOptions? options = null, CancellationToken cancellationToken = default) =>
        StartCoreAsync(new SimulatedBackend(profile), ownsBackend: true, options ?? new TokenClockServerOptions(), cancellationToken);

    /// <summary>
    /// Serves a backend (model mode): requests queue for it, one at a time unless
    /// <see cref="TokenClockServerOptions.MaxConcurrency"/> says otherwise; llama.cpp-style timings are added.
    /// The server disposes the backend when <paramref name="ownsBackend"/>.
    /// </summary>
    public static Task<TokenClockServer> StartAsync(
        IBackend backend, TokenClockServerOptions? options = null, bool ownsBackend = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var o = options ?? new TokenClockServerOptions();
        o = o with { MaxConcurrency = o.MaxConcurrency ?? 1, LlamaCppTimings = true };
        return StartCoreAsync(backend, ownsBackend, o, cancellationToken);
    }

    private static async Task<TokenClockServer> StartCoreAsync(IBackend backend, bool ownsBackend, TokenClockServerOptions options, CancellationToken ct)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            var ip = string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.Parse(options.Host);
            k.Listen(ip, options.Port);
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            k.Limits.MaxConcurrentConnections = null;
            k.Limits.MaxConcurrentUpgradedConnections = null;
            // A stalled stream (fault injection, slow model) must not be cut by Kestrel's minimum data rate.
            k.Limits.MinResponseDataRate = null;
        });

        var app = builder.Build();
        var schedules = new ScheduleStore(options.ScheduleCapacity);
        var handler = new ChatHandler(backend, options, schedules, TimeProvider.System, app.Lifetime.ApplicationStopping);
        app.MapPost("/v1/chat/completions", ctx => handler.HandleAsync(ctx, ChatProtocol.OpenAI));
        app.MapPost("/chat/completions", ctx => handler.HandleAsync(ctx, ChatProtocol.OpenAI));
        app.MapPost("/openai/deployments/{deployment}/chat/completions", ctx => handler.HandleAsync(ctx, ChatProtocol.OpenAI));
        app.MapPost("/v1/messages", ctx => handler.HandleAsync(ctx, ChatProtocol.Anthropic));
        app.MapGet("/v1/models", ctx => WriteModelsAsync(ctx, handler.ModelName));
        app.MapGet("/tokenclock/schedule/{id}", ctx => WriteScheduleAsync(ctx, schedules, bySeed: false));
        app.MapGet("/tokenclock/schedule/seed/{id}", ctx => WriteScheduleAsync(ctx, schedules, bySeed: true));
        app.MapGet("/health", ctx => ctx.Response.WriteAsync("ok", ctx.RequestAborted));
        app.MapGet("/metrics", ctx =>
        {
            ctx.Response.ContentType = ServingMetrics.ContentType;
            return ctx.Response.WriteAsync(handler.Metrics.Render(handler.ModelName), ctx.RequestAborted);
        });

        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no bound address");
        var server = new TokenClockServer(app, backend, ownsBackend, schedules, new Uri(address.TrimEnd('/') + "/"), handler);
        if (backend is SimulatedBackend) await server.WarmUpAsync(ct).ConfigureAwait(false);
        return server;
    }

    /// <summary>
    /// Sends a few zero-delay requests through both dialects so that the first measured request does not pay for
    /// JIT compilation (which would otherwise add ~100 ms to the first true TTFT). Not kept as schedules.
    /// </summary>
    private async Task WarmUpAsync(CancellationToken ct)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var (path, body) in new[]
        {
            ("v1/chat/completions", """{"model":"w","messages":[{"role":"user","content":"w"}],"max_tokens":2,"stream":true,"stream_options":{"include_usage":true}}"""),
            ("v1/messages", """{"model":"w","messages":[{"role":"user","content":"w"}],"max_tokens":2,"stream":true}"""),
        })
        {
            for (var i = 0; i < 2; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, path))
                {
                    Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
                };
                request.Headers.Add(ChatHandler.WarmupHeader, "1");
                using var response = await client.SendAsync(request, ct).ConfigureAwait(false);
                await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteModelsAsync(HttpContext ctx, string model)
    {
        ctx.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            w.WriteStartObject();
            w.WriteString("id", model);
            w.WriteString("object", "model");
            w.WriteNumber("created", 0);
            w.WriteString("owned_by", "tokenclock");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        await ctx.Response.Body.WriteAsync(buffer.ToArray(), ctx.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteScheduleAsync(HttpContext ctx, ScheduleStore schedules, bool bySeed)
    {
        var id = ctx.Request.RouteValues["id"] as string ?? string.Empty;
        ctx.Response.ContentType = "application/json";
        ResponseSchedule? schedule = null;
        var found = bySeed
            ? int.TryParse(id, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seed) && schedules.TryGetBySeed(seed, out schedule)
            : schedules.TryGet(id, out schedule);
        if (!found || schedule is null)
        {
            ctx.Response.StatusCode = 404;
            await ctx.Response.WriteAsync($"{{\"error\":{{\"message\":\"no schedule with id '{JsonEncodedText.Encode(id)}' (ids come from the {ChatHandler.ScheduleHeader} response header; only the most recent are kept)\"}}}}", ctx.RequestAborted).ConfigureAwait(false);
            return;
        }
        await JsonSerializer.SerializeAsync(ctx.Response.Body, schedule, ServerJsonContext.Default.ResponseSchedule, ctx.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Stops listening; requests in flight end at once (streams are cut).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default) =>
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Stops (waiting up to 5 s) and releases the server, and the backend when it owns it (a simulator it started, or ownsBackend).</summary>
    public async ValueTask DisposeAsync()
    {
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            await _app.StopAsync(cts.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_ownsBackend) await _backend.DisposeAsync().ConfigureAwait(false);
    }
}
