namespace TokenClock.Core.Settings;

/// <summary>
/// A setting's value that cannot be read (a <see cref="FormatException"/>), named by the setting's key; a front end
/// renders it with its own names (the CLI names its flag).
/// </summary>
public class SettingFormatException : FormatException, ISettingError
{
    /// <summary>A value of <paramref name="setting"/> that cannot be read.</summary>
    /// <param name="setting">The setting's key.</param>
    /// <param name="describe">Writes the problem, given how to name a setting key.</param>
    public SettingFormatException(string setting, Func<Func<string, string>, string> describe)
        : base((describe ?? throw new ArgumentNullException(nameof(describe)))(key => key))
    {
        Problems = [new SettingProblem(setting, describe)];
    }

    /// <inheritdoc/>
    public IReadOnlyList<SettingProblem> Problems { get; }

    /// <inheritdoc/>
    public string Describe(Func<string, string> nameOf) => Problems[0].Describe(nameOf);
}
