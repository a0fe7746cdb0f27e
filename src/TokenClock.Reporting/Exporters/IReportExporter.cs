namespace TokenClock.Reporting.Exporters;

/// <summary>A report document in one format ("md", "html").</summary>
public interface IReportExporter : IExporter<ReportDocument>;
