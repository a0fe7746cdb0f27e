namespace TokenClock.Telemetry;

/// <summary>Where TokenClock's metrics and traces go. Nothing is exported unless one destination is set.</summary>
public sealed record TelemetryExportOptions
{
    /// <summary>An OTLP collector, e.g. http://127.0.0.1:4317 (gRPC) or http://127.0.0.1:4318 (HTTP).</summary>
    public Uri? OtlpEndpoint { get; init; }
    /// <summary>Serve a Prometheus scrape endpoint at http://127.0.0.1:{port}/metrics.</summary>
    public int? PrometheusPort { get; init; }
    /// <summary>Meters and activity sources to export (the names TokenClock emits on).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
    /// <summary>The service.name resource attribute of exported telemetry.</summary>
    public string ServiceName { get; init; } = "tokenclock";

    /// <summary>Whether any exporter is asked for (an OTLP endpoint or a Prometheus port).</summary>
    public bool Enabled => OtlpEndpoint is not null || PrometheusPort is not null;

    /// <summary>Problems with the options, each naming the value and a fix (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (OtlpEndpoint is { } e && (!e.IsAbsoluteUri || (e.Scheme != Uri.UriSchemeHttp && e.Scheme != Uri.UriSchemeHttps)))
            errors.Add($"OTLP endpoint '{e}' must be an absolute http(s) URL, e.g. http://127.0.0.1:4317");
        if (PrometheusPort is { } p && (p < 1 || p > 65535))
            errors.Add($"Prometheus port '{p}' must be between 1 and 65535 (the endpoint listens on 127.0.0.1 only)");
        if (Enabled && Sources.Count == 0) errors.Add("no meter or activity source names were given to export");
        return errors;
    }
}
