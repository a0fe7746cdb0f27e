namespace TokenClock.Core.Settings;

/// <summary>
/// An operation that failed in a way a different setting can fix (e.g. "lower chunk_tokens"): not a bad argument but
/// a state, so it is an <see cref="InvalidOperationException"/>. Like <see cref="SettingException"/> it names settings
/// by key, and a front end renders it with its own names.
/// </summary>
public sealed class SettingStateException : InvalidOperationException, ISettingError
{
    /// <summary>A failure that a different value of <paramref name="setting"/> can fix.</summary>
    /// <param name="setting">The setting's key.</param>
    /// <param name="describe">Writes the problem, given how to name a setting key.</param>
    /// <param name="inner">The exception that revealed it; null for none.</param>
    public SettingStateException(string setting, Func<Func<string, string>, string> describe, Exception? inner = null)
        : base((describe ?? throw new ArgumentNullException(nameof(describe)))(key => key), inner)
    {
        Problems = [new SettingProblem(setting, describe)];
    }

    /// <inheritdoc/>
    public IReadOnlyList<SettingProblem> Problems { get; }

    /// <inheritdoc/>
    public string Describe(Func<string, string> nameOf) => Problems[0].Describe(nameOf);
}
