namespace TokenClock.Core.ServerMetrics;

/// <summary>A /metrics body that is not valid Prometheus text format; the message names the line and the problem.</summary>
public sealed class PrometheusFormatException : Exception
{
    /// <summary>A problem on one line of a /metrics body.</summary>
    /// <param name="line">The 1-based line number.</param>
    /// <param name="problem">What is wrong with the line.</param>
    /// <param name="text">The line; the message shows at most its first 120 characters.</param>
    public PrometheusFormatException(int line, string problem, string text)
        : base($"line {line}: {problem} in '{(text.Length > 120 ? text[..120] + "..." : text)}'")
    {
        Line = line;
    }

    /// <summary>A format error without a message or line.</summary>
    public PrometheusFormatException() { }

    /// <summary>A format error with a message and no line.</summary>
    public PrometheusFormatException(string message) : base(message) { }

    /// <summary>A format error with a message and the exception that revealed it.</summary>
    public PrometheusFormatException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The 1-based line number at fault; 0 when no line was given.</summary>
    public int Line { get; }
}
