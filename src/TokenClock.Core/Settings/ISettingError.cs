namespace TokenClock.Core.Settings;

/// <summary>
/// An error about settings, named by neutral keys (spec field paths such as <c>db</c> or
/// <c>workload_options.context</c>). Its <see cref="Exception.Message"/> uses the keys; a front end renders the same
/// problems in its own words through <see cref="Describe"/> (the CLI names its flags) instead of rewriting text.
/// </summary>
public interface ISettingError
{
    /// <summary>The problems, each with the key of the setting at fault.</summary>
    IReadOnlyList<SettingProblem> Problems { get; }

    /// <summary>The error as text, each setting key named by <paramref name="nameOf"/>.</summary>
    string Describe(Func<string, string> nameOf);
}
