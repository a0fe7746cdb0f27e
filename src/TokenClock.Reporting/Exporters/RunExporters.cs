using TokenClock.Analysis.Runs;

namespace TokenClock.Reporting.Exporters;

/// <summary>The exporters of a run's raw requests, by format (schemas: docs/export-schema.md).</summary>
public static class RunExporters
{
    /// <summary>Every run exporter: CSV then JSON.</summary>
    public static IReadOnlyList<IExporter<RunData>> All { get; } = [new RequestCsvExporter(), new RequestJsonExporter()];

    /// <summary>The format names of <see cref="All"/>, in the same order.</summary>
    public static IReadOnlyList<string> Formats { get; } = All.Select(e => e.Format).ToArray();

    /// <summary>The exporter for <paramref name="format"/>; an unknown one is refused with the known formats.</summary>
    public static IExporter<RunData> Get(string format) =>
        All.FirstOrDefault(e => string.Equals(e.Format, format, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown export format '{format}'; known: {string.Join(", ", Formats)}.", nameof(format));
}
