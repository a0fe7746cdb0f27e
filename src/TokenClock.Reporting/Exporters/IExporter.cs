namespace TokenClock.Reporting.Exporters;

/// <summary>
/// Writes one input in one format onto a caller's stream: the one shape of every exporter (reports as md/html,
/// a run's requests as csv/json). Exporters do the only I/O of reporting.
/// </summary>
/// <typeparam name="TInput">What is exported: a <see cref="ReportDocument"/> or a run's data.</typeparam>
public interface IExporter<in TInput>
{
    /// <summary>The format's name as the CLI spells it: "md", "html", "csv", "json".</summary>
    string Format { get; }

    /// <summary>Default file name, e.g. "report.html".</summary>
    string DefaultFileName { get; }

    /// <summary>Writes <paramref name="input"/> onto <paramref name="output"/> as UTF-8 without a BOM; the stream is left open.</summary>
    Task ExportAsync(TInput input, Stream output, CancellationToken cancellationToken = default);
}
