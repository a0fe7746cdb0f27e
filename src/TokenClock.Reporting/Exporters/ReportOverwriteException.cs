using TokenClock.Core.Settings;

namespace TokenClock.Reporting.Exporters;

/// <summary>
/// Report files would replace files TokenClock did not write (or that were edited since). The fix names the output
/// and force settings by key (<see cref="Output"/>, <see cref="Force"/>); a front end renders them its own way.
/// </summary>
public sealed class ReportOverwriteException(IReadOnlyList<string> paths) : Exception(Text(paths, key => key)), ISettingError
{
    public const string Output = "output";
    public const string Force = "force";

    public IReadOnlyList<string> Paths { get; } = paths;

    public IReadOnlyList<SettingProblem> Problems { get; } = [new SettingProblem(Output, n => Text(paths, n))];

    public string Describe(Func<string, string> nameOf) => Problems[0].Describe(nameOf);

    private static string Text(IReadOnlyList<string> paths, Func<string, string> n) =>
        $"refusing to overwrite {Describe(paths)}: not written by TokenClock, or changed since it was; nothing was written. "
        + $"Choose another place with {n(Output)}, or pass {n(Force)} to replace them";

    private static string Describe(IReadOnlyList<string> paths) =>
        paths.Count == 1 ? $"'{paths[0]}'" : $"{paths.Count} files ('{paths[0]}', …)";
}
