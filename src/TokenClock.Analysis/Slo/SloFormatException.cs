using TokenClock.Core.Settings;

namespace TokenClock.Analysis.Slo;

/// <summary>
/// An SLO value that cannot be read; the message names the bad token and the valid forms, and the setting by its key
/// (<see cref="SloFormatException.Setting"/>), which a front end renders its own way (the CLI names <c>--slo</c>).
/// </summary>
public sealed class SloFormatException : SettingFormatException
{
    /// <summary>The key of the SLO setting (the spec's <c>slo</c> field).</summary>
    public const string Setting = "slo";

    /// <summary>The message is built by <paramref name="describe"/> from a function that names a setting key.</summary>
    public SloFormatException(Func<Func<string, string>, string> describe) : base(Setting, describe)
    {
    }
}
