namespace TokenClock.Reporting.Exporters;

/// <summary>Writes a report in one format. Exporters do the only I/O of reporting, onto a caller's stream.</summary>
public interface IReportExporter
{
    /// <summary>"md", "html", "console".</summary>
    string Format { get; }

    /// <summary>Default file name, e.g. "report.html".</summary>
    string DefaultFileName { get; }

    Task ExportAsync(ReportDocument document, Stream output, CancellationToken cancellationToken = default);
}
