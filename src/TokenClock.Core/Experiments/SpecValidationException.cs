using TokenClock.Core.Settings;

namespace TokenClock.Core.Experiments;

/// <summary>
/// An experiment spec (file or flags) that cannot run. Each problem names its field path (the setting key), the bad
/// value and the allowed values; all are reported at once, before any request is sent. The message names fields by
/// path; a front end that took the values from flags renders the same problems with its flag names (<see cref="Describe"/>).
/// </summary>
public sealed class SpecValidationException : Exception, ISettingError
{
    /// <summary>Problems that each name the setting at fault; the message joins them, fields named by their spec path.</summary>
    public SpecValidationException(IReadOnlyList<SettingProblem> problems)
        : base(Join(problems ?? throw new ArgumentNullException(nameof(problems)), key => key))
    {
        Problems = problems;
    }

    /// <summary>Problems about the spec as a whole (syntax, file), which name no setting a front end could rename.</summary>
    public SpecValidationException(IReadOnlyList<string> errors)
        : this((errors ?? throw new ArgumentNullException(nameof(errors))).Select(e => SettingProblem.Plain("", e)).ToArray())
    {
    }

    /// <inheritdoc/>
    public IReadOnlyList<SettingProblem> Problems { get; }

    /// <summary>Each problem as text, fields named by their spec path.</summary>
    public IReadOnlyList<string> Errors => Problems.Select(p => p.ToString()).ToArray();

    /// <inheritdoc/>
    public string Describe(Func<string, string> nameOf) => Join(Problems, nameOf);

    private static string Join(IReadOnlyList<SettingProblem> problems, Func<string, string> nameOf) =>
        problems.Count == 1
            ? problems[0].Describe(nameOf)
            : "invalid experiment spec:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p.Describe(nameOf)));
}
