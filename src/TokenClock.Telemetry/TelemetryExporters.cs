using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace TokenClock.Telemetry;

/// <summary>Starts the OpenTelemetry SDK for TokenClock's meters and activity sources; dispose to flush and stop.</summary>
public static class TelemetryExporters
{
    /// <summary>Starts the exporters the options ask for; disposing the result flushes and stops them.</summary>
    public static IDisposable Start(TelemetryExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        if (!options.Enabled) return new Providers(null, null);

        var resource = ResourceBuilder.CreateDefault().AddService(options.ServiceName);
        var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter([.. options.Sources]);
        if (options.PrometheusPort is { } port)
            // Loopback only: the scrape endpoint is for a local Prometheus or an agent beside the process.
            metrics.AddPrometheusHttpListener(o =>
            {
                o.Host = "127.0.0.1";
                o.Port = port;
            });
        TracerProvider? tracer = null;
        if (options.OtlpEndpoint is { } endpoint)
        {
            metrics.AddOtlpExporter(o => o.Endpoint = endpoint);
            tracer = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource([.. options.Sources])
                .AddOtlpExporter(o => o.Endpoint = endpoint).Build();
        }
        return new Providers(metrics.Build(), tracer);
    }

    private sealed class Providers(MeterProvider? metrics, TracerProvider? tracer) : IDisposable
    {
        public void Dispose()
        {
            tracer?.Dispose();
            metrics?.Dispose();
        }
    }
}
