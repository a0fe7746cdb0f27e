using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Spectre.Console.Cli;
using TokenClock.Cli.Infrastructure;
using TokenClock.Cli.Infrastructure.Composition;
using TokenClock.Core.Backends;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;

namespace TokenClock.Cli.Commands.Serve;

/// <summary>
/// <c>tokenclock serve</c>: runs the loopback server until Ctrl+C. Stopping with Ctrl+C is the normal end of a
/// server, so it exits 0 after a clean shutdown (1 if the server failed, 2 for bad flags). What it serves and its
/// shutdown are notes on stderr; --json prints the addresses as one document on stdout once it listens.
/// </summary>
public sealed class ServeCommand(CliConsoles consoles, BackendRegistry backends) : AsyncCommand<ServeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var simulate = settings.Simulate || settings.Profile is not null;
        if (simulate == (settings.Model is not null))
            throw new UsageException("choose one mode: --simulate (optionally with --profile FILE) or --model FILE");
        ServeOptionChecks.ThrowIfWithoutEffect(settings, simulate);

        var options = new TokenClockServerOptions
        {
            Host = settings.Host,
            Port = settings.Port,
            MaxConcurrency = settings.Concurrency,
            MaxRequestBodyBytes = settings.MaxBodyBytes ?? new TokenClockServerOptions().MaxRequestBodyBytes,
            LlamaCppTimings = settings.LlamaCppTimings,
        };
        var optionErrors = options.Validate();
        if (optionErrors.Count > 0) throw new UsageException(string.Join("; ", optionErrors.Select(FlagNames)));

        TokenClockServer server;
        string what;
        try
        {
            if (simulate)
            {
                var profile = ServeProfileBuilder.Build(settings);
                server = await TokenClockServer.StartSimulatorAsync(profile, options, cancellationToken);
                what = $"simulator ({profile})";
            }
            else
            {
                var backend = CreateModelBackend(backends, settings.Model!, settings.Threads);
                // Load (and so validate) the model before listening: a truncated or corrupt file is an error at
                // start, not a 200 with an error in every answer.
                await LoadBeforeListeningAsync(backend, settings.Model!, cancellationToken);
                server = await TokenClockServer.StartAsync(backend, options, ownsBackend: true, cancellationToken);
                what = $"model {settings.Model} (kind local, {options.MaxConcurrency ?? 1} at a time)";
            }
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"port {settings.Port.ToString(CultureInfo.InvariantCulture)} on {settings.Host} is already in use; pick another with --port, or --port 0 for any free port", ex);
        }

        await using (server)
        {
            var baseUrl = server.BaseAddress.ToString().TrimEnd('/');
            await consoles.ErrorWriter.WriteLineAsync($"TokenClock {what}");
            await consoles.ErrorWriter.WriteLineAsync($"listening on {baseUrl}  (OpenAI base URL {baseUrl}/v1, Anthropic {baseUrl}/v1/messages, schedules {baseUrl}/tokenclock/schedule/{{id}})");
            await consoles.ErrorWriter.WriteLineAsync("Press Ctrl+C to stop.");
            if (settings.Json)
            {
                var doc = new Dictionary<string, string>
                {
                    ["base_url"] = baseUrl,
                    ["openai_base_url"] = baseUrl + "/v1",
                    ["anthropic_base_url"] = baseUrl,
                    ["schedule_url"] = baseUrl + "/tokenclock/schedule/{id}",
                };
                await consoles.OutWriter.WriteLineAsync(JsonSerializer.Serialize(doc));
                await consoles.OutWriter.FlushAsync(CancellationToken.None);
            }
            try
            {
                await Task.WhenAny(server.Completion, Task.Delay(Timeout.Infinite, cancellationToken));
            }
            finally
            {
                var inFlight = server.InFlight;
                await consoles.ErrorWriter.WriteLineAsync(inFlight == 0
                    ? "Stopping."
                    : string.Create(CultureInfo.InvariantCulture, $"Stopping: cutting {inFlight} request(s) in flight (their clients see a disconnect)."));
            }
        }
        // Counted by the server as it cut them (the host may begin stopping on the same signal before we look).
        await consoles.ErrorWriter.WriteLineAsync(server.CutOnStop == 0
            ? "Stopped."
            : string.Create(CultureInfo.InvariantCulture, $"Stopped; cut {server.CutOnStop} request(s) that were in flight."));
        return ExitCodes.Ok;
    }

    private static async Task LoadBeforeListeningAsync(IBackend backend, string model, CancellationToken cancellationToken)
    {
        try
        {
            switch (backend)
            {
                case TokenClock.Local.Engine.LocalBackend local: await local.LoadAsync(cancellationToken); break;
                case TokenClock.Local.Isolation.IsolatedBackend isolated: await isolated.LoadAsync(cancellationToken); break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await backend.DisposeAsync();
            throw new InvalidOperationException($"--model '{model}' cannot be served: {ex.Message}. Nothing was started; check the file (tokenclock model info FILE) or synthesize a fresh one (tokenclock model synth -o FILE).", ex);
        }
        catch
        {
            await backend.DisposeAsync();
            throw;
        }
    }

    private static IBackend CreateModelBackend(BackendRegistry registry, string file, int? threads)
    {
        if (!registry.Kinds.Contains("local", StringComparer.OrdinalIgnoreCase))
            throw new InvalidOperationException(
                $"backend kind 'local' is not available in this build (available: {string.Join(", ", registry.Kinds)}); use --simulate, or a build that includes local models");
        var settings = new Dictionary<string, string>();
        if (threads is { } t) settings["threads"] = t.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var options = new BackendOptions { Kind = "local", Model = file, Settings = settings };
        var errors = registry.Validate(options);
        if (errors.Count > 0) throw new UsageException($"--model '{file}': {string.Join("; ", errors)}");
        return registry.Create(options);
    }

    private static string FlagNames(string error) => error
        .Replace("host '", "--host '", StringComparison.Ordinal)
        .Replace("port '", "--port '", StringComparison.Ordinal)
        .Replace("max concurrency '", "--concurrency '", StringComparison.Ordinal);
}
