namespace TokenClock.Reporting.Exporters;

/// <summary>A report table as plain strings, rendered alike by the Markdown, HTML and console exporters.</summary>
internal sealed record TextTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);
