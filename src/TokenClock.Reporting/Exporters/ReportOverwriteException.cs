namespace TokenClock.Reporting.Exporters;

/// <summary>Report files would replace files TokenClock did not write (or that were edited since).</summary>
public sealed class ReportOverwriteException(IReadOnlyList<string> paths)
    : Exception($"refusing to overwrite {Describe(paths)}: not written by TokenClock, or changed since it was; nothing was written. "
        + "Choose another place with -o/--output, or pass --force to replace them")
{
    public IReadOnlyList<string> Paths { get; } = paths;

    private static string Describe(IReadOnlyList<string> paths) =>
        paths.Count == 1 ? $"'{paths[0]}'" : $"{paths.Count} files ('{paths[0]}', …)";
}
