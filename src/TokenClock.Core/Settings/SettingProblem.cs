namespace TokenClock.Core.Settings;

/// <summary>
/// One bad setting, described without knowing how a front end spells settings: <see cref="Describe"/> is given a
/// function that names a setting key (the CLI passes its flag names; the neutral form is the key itself).
/// </summary>
/// <param name="Setting">The setting's neutral key, e.g. <c>prompt_tokens</c>.</param>
/// <param name="Describe">The sentence, given how to name any setting key it mentions.</param>
public sealed record SettingProblem(string Setting, Func<Func<string, string>, string> Describe)
{
    /// <summary>A problem whose text names no setting (it is about the value or the data, not where it came from).</summary>
    public static SettingProblem Plain(string setting, string text) => new(setting, _ => text);

    /// <summary>A problem stated as "setting: message" (the spec's form), the message naming no other setting.</summary>
    public static SettingProblem Field(string setting, string message) => new(setting, n => $"{n(setting)}: {message}");

    /// <summary>A problem stated as "setting: message"; <paramref name="message"/> names other settings through its argument.</summary>
    public static SettingProblem Field(string setting, Func<Func<string, string>, string> message) =>
        new(setting, n => $"{n(setting)}: {message(n)}");

    /// <summary>The problem as text, the setting named by its key.</summary>
    public override string ToString() => Describe(key => key);
}
