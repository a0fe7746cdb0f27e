using TokenClock.Core.Settings;

namespace TokenClock.Reporting.Exporters;

/// <summary>
/// Report files would replace files TokenClock did not write (or that were edited since). The fix names the output
/// and force settings by key (<see cref="Output"/>, <see cref="Force"/>); a front end renders them its own way.
/// </summary>
public sealed class ReportOverwriteException(IReadOnlyList<string> paths) : Exception(Text(paths, key => key)), ISettingError
{
    /// <summary>Key of the setting that chooses where reports are written.</summary>
    public const string Output = "output";
    /// <summary>Key of the setting that allows replacing files anyway.</summary>
    public const string Force = "force";

    /// <summary>The full paths that would have been replaced.</summary>
    public IReadOnlyList<string> Paths { get; } = paths;

    /// <summary>One problem, keyed to <see cref="Output"/>.</summary>
    public IReadOnlyList<SettingProblem> Problems { get; } = [new SettingProblem(Output, n => Text(paths, n))];

    /// <summary>The message with each setting key written as <paramref name="nameOf"/> names it (e.g. a CLI flag).</summary>
    public string Describe(Func<string, string> nameOf) => Problems[0].Describe(nameOf);

    private static string Text(IReadOnlyList<string> paths, Func<string, string> n) =>
        $"refusing to overwrite {Describe(paths)}: not written by TokenClock, or changed since it was; nothing was written. "
        + $"Choose another place with {n(Output)}, or pass {n(Force)} to replace them";

    private static string Describe(IReadOnlyList<string> paths) =>
        paths.Count == 1 ? $"'{paths[0]}'" : $"{paths.Count} files ('{paths[0]}', …)";
}
