using TokenClock.Core.Backends;
using TokenClock.Core.Experiments;
using TokenClock.Core.Results;
using TokenClock.Core.Telemetry;
using TokenClock.Telemetry;

namespace TokenClock.Cli.Commands.Run;

/// <summary>
/// One run's telemetry export: the OpenTelemetry SDK listening to <see cref="RunTelemetry"/>, and the sink decorator
/// that feeds it every stored request. Disposing keeps a Prometheus endpoint up for the asked linger, then flushes.
/// </summary>
internal sealed class RunTelemetryExport : IAsyncDisposable
{
    private readonly RunTelemetryFlags _flags;
    private readonly IDisposable? _exporters;
    private readonly RunTelemetry? _telemetry;
    private readonly Dictionary<string, BackendOptions> _backends;
    private readonly CancellationToken _cancellation;
    private readonly TextWriter _stderr;

    private RunTelemetryExport(RunTelemetryFlags flags, ExperimentSpec spec, TextWriter stderr, CancellationToken cancellation)
    {
        _flags = flags;
        _stderr = stderr;
        _cancellation = cancellation;
        _backends = spec.Cells().GroupBy(c => c.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Backend, StringComparer.Ordinal);
        if (flags.Export is null) return;
        // Start the SDK first: instruments created before a listener exists are still picked up, but a clean order
        // keeps the first request's measurements from racing the listener's start.
        _exporters = TelemetryExporters.Start(flags.Export);
        _telemetry = new RunTelemetry();
    }

    /// <param name="stderr">Where the linger note goes (the command's stderr).</param>
    /// <param name="cancellation">Ctrl+C: ends a linger early (what was measured is already stored).</param>
    public static RunTelemetryExport Start(RunTelemetryFlags flags, ExperimentSpec spec, TextWriter stderr, CancellationToken cancellation) => new(flags, spec, stderr, cancellation);

    public IResultSink Wrap(IResultSink store) =>
        _telemetry is null ? store : new TelemetryResultSink(store, _telemetry, label => _backends.GetValueOrDefault(label));

    public async ValueTask DisposeAsync()
    {
        if (_telemetry is null) return;
        if (_flags.Linger > TimeSpan.Zero && _flags.Export?.PrometheusPort is { } port)
        {
            await _stderr.WriteLineAsync(FormattableString.Invariant(
                $"metrics: keeping http://127.0.0.1:{port}/metrics up for {_flags.Linger.TotalSeconds:0.###} s (--metrics-linger)"));
            try
            {
                await Task.Delay(_flags.Linger, _cancellation);
            }
            catch (OperationCanceledException)
            {
                // Interrupted linger: flush and stop now.
            }
        }
        _exporters?.Dispose();
        _telemetry.Dispose();
    }
}
