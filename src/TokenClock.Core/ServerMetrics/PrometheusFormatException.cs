namespace TokenClock.Core.ServerMetrics;

/// <summary>A /metrics body that is not valid Prometheus text format; the message names the line and the problem.</summary>
public sealed class PrometheusFormatException : Exception
{
    public PrometheusFormatException(int line, string problem, string text)
        : base($"line {line}: {problem} in '{(text.Length > 120 ? text[..120] + "..." : text)}'")
    {
        Line = line;
    }

    public PrometheusFormatException() { }

    public PrometheusFormatException(string message) : base(message) { }

    public PrometheusFormatException(string message, Exception inner) : base(message, inner) { }

    public int Line { get; }
}
