using System.Globalization;
using System.Text.RegularExpressions;
using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Telemetry;
using TokenClock.Telemetry;

namespace TokenClock.Cli.Commands.Run;

/// <summary>
/// <c>run --metrics-port/--metrics-linger/--otlp-endpoint</c>: where the run's GenAI telemetry goes. Each flag
/// takes effect or is refused: a linger without an endpoint to keep up is an error, not a silent no-op.
/// </summary>
internal sealed partial record RunTelemetryFlags(TelemetryExportOptions? Export, TimeSpan Linger)
{
    public static RunTelemetryFlags None { get; } = new(null, TimeSpan.Zero);

    public static RunTelemetryFlags From(RunSettings settings)
    {
        Uri? otlp = null;
        if (settings.OtlpEndpoint is not null
            && (!Uri.TryCreate(settings.OtlpEndpoint, UriKind.Absolute, out otlp) || otlp.Scheme is not ("http" or "https")))
            throw new UsageException($"--otlp-endpoint '{settings.OtlpEndpoint}' is not an absolute http(s) URL (e.g. http://127.0.0.1:4317).");
        if (settings.MetricsPort is < 1 or > 65535)
            throw new UsageException($"--metrics-port {settings.MetricsPort} must be between 1 and 65535 (the endpoint listens on 127.0.0.1 only).");
        var linger = TimeSpan.Zero;
        if (settings.MetricsLinger is { } text)
        {
            if (settings.MetricsPort is null)
                throw new UsageException("--metrics-linger keeps the --metrics-port endpoint up after the run; give --metrics-port too, or drop --metrics-linger.");
            linger = ParseLinger(text);
        }
        if (otlp is null && settings.MetricsPort is null) return None;
        return new RunTelemetryFlags(new TelemetryExportOptions
        {
            OtlpEndpoint = otlp,
            PrometheusPort = settings.MetricsPort,
            Sources = [RunTelemetry.MeterName, RunTelemetry.ActivitySourceName],
        }, linger);
    }

    private static TimeSpan ParseLinger(string text)
    {
        var m = DurationPattern().Match(text.Trim());
        if (m.Success && double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            var seconds = m.Groups[2].Value switch { "ms" => v / 1000, "m" => v * 60, _ => v };
            if (seconds is >= 0 and <= 3600) return TimeSpan.FromSeconds(seconds);
        }
        throw new UsageException($"--metrics-linger '{text}' is not a duration from 0 to 1 hour; e.g. 15s, 500ms, 2m or plain seconds.");
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(ms|s|m)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
