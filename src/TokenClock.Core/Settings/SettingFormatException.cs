namespace TokenClock.Core.Settings;

/// <summary>
/// A setting's value that cannot be read (a <see cref="FormatException"/>), named by the setting's key; a front end
/// renders it with its own names (the CLI names its flag).
/// </summary>
public class SettingFormatException : FormatException, ISettingError
{
    public SettingFormatException(string setting, Func<Func<string, string>, string> describe)
        : base((describe ?? throw new ArgumentNullException(nameof(describe)))(key => key))
    {
        Problems = [new SettingProblem(setting, describe)];
    }

    public IReadOnlyList<SettingProblem> Problems { get; }

    public string Describe(Func<string, string> nameOf) => Problems[0].Describe(nameOf);
}
