using TokenClock.Core.Settings;

namespace TokenClock.Storage;

/// <summary>
/// The results database cannot be used as asked. The message names the file, what is wrong and a fix; the fix names
/// the database setting by its key (<see cref="StorageSettings.Db"/>), which a front end renders its own way.
/// </summary>
public sealed class ResultsDatabaseException : Exception, ISettingError
{
    /// <param name="path">The database file the message is about.</param>
    /// <param name="describe">The sentence, given how to name the setting keys it mentions.</param>
    /// <param name="inner">The error that revealed the problem, if any.</param>
    public ResultsDatabaseException(string path, Func<Func<string, string>, string> describe, Exception? inner = null)
        : base((describe ?? throw new ArgumentNullException(nameof(describe)))(key => key), inner)
    {
        Path = path;
        Problems = [new SettingProblem(StorageSettings.Db, describe)];
    }

    /// <summary>The database file the message is about.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public IReadOnlyList<SettingProblem> Problems { get; }

    /// <inheritdoc/>
    public string Describe(Func<string, string> nameOf) => Problems[0].Describe(nameOf);
}
