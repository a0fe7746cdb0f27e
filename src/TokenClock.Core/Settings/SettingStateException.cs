namespace TokenClock.Core.Settings;

/// <summary>
/// An operation that failed in a way a different setting can fix (e.g. "lower chunk_tokens"): not a bad argument but
/// a state, so it is an <see cref="InvalidOperationException"/>. Like <see cref="SettingException"/> it names settings
/// by key, and a front end renders it with its own names.
/// </summary>
public sealed class SettingStateException : InvalidOperationException, ISettingError
{
    public SettingStateException(string setting, Func<Func<string, string>, string> describe, Exception? inner = null)
        : base((describe ?? throw new ArgumentNullException(nameof(describe)))(key => key), inner)
    {
        Problems = [new SettingProblem(setting, describe)];
    }

    public IReadOnlyList<SettingProblem> Problems { get; }

    public string Describe(Func<string, string> nameOf) => Problems[0].Describe(nameOf);
}
