namespace TokenClock.Core.Settings;

/// <summary>
/// Settings a library refuses, as typed problems. The message names settings by their neutral keys; a front end
/// renders the same problems in its own words through <see cref="Describe"/> (the CLI names its flags), so no
/// one rewrites exception text.
/// </summary>
public sealed class SettingException : ArgumentException, ISettingError
{
    /// <summary>Refuses settings with <paramref name="problems"/> (at least one); the message names them by key.</summary>
    public SettingException(IReadOnlyList<SettingProblem> problems)
        : base(Join(problems ?? throw new ArgumentNullException(nameof(problems)), key => key))
    {
        if (problems.Count == 0) throw new ArgumentException("a setting exception needs at least one problem", nameof(problems));
        Problems = problems;
    }

    /// <summary>Refuses one setting.</summary>
    /// <param name="setting">The setting's key.</param>
    /// <param name="describe">Writes the problem, given how to name a setting key.</param>
    public SettingException(string setting, Func<Func<string, string>, string> describe)
        : this([new SettingProblem(setting, describe)])
    {
    }

    /// <summary>One problem, with the exception that revealed it (e.g. a parser's own error).</summary>
    public SettingException(SettingProblem problem, Exception? inner = null)
        : base(Join([problem ?? throw new ArgumentNullException(nameof(problem))], key => key), inner)
    {
        Problems = [problem];
    }

    /// <summary>The problems an exception carries: its typed ones, or its message as one problem of <paramref name="setting"/>.</summary>
    public static IReadOnlyList<SettingProblem> ProblemsOf(Exception ex, string setting)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex is ISettingError typed ? typed.Problems : [SettingProblem.Plain(setting, ex.Message)];
    }

    /// <inheritdoc/>
    public IReadOnlyList<SettingProblem> Problems { get; }

    /// <summary>The settings at fault, in order.</summary>
    public IEnumerable<string> Settings => Problems.Select(p => p.Setting);

    /// <summary>The problems as one sentence, each setting named by <paramref name="nameOf"/>.</summary>
    public string Describe(Func<string, string> nameOf) => Join(Problems, nameOf);

    private static string Join(IReadOnlyList<SettingProblem> problems, Func<string, string> nameOf)
    {
        var text = string.Join("; ", problems.Select(p => p.Describe(nameOf)));
        return text.EndsWith('.') ? text : text + ".";
    }
}
