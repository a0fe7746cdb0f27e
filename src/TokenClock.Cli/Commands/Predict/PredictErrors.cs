using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Settings;

namespace TokenClock.Cli.Commands.Predict;

/// <summary>Unknown names and bad values from the prediction library are usage errors (exit 2): their message
/// already lists what exists. Settings the library names by key are shown by the flag the user typed (CliSettingNames).</summary>
internal static class PredictErrors
{
    public static int Map(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (ArgumentException ex)
        {
            throw Usage(ex);
        }
    }

    public static async Task<int> MapAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (ArgumentException ex)
        {
            throw Usage(ex);
        }
    }

    /// <summary>The setting problems in the CLI's words (<see cref="CliSettingNames"/>; a key without a flag keeps its neutral name).</summary>
    public static string Describe(SettingException ex) => CliSettingNames.Describe(ex);

    private static UsageException Usage(ArgumentException ex) =>
        new(ex is SettingException setting ? Describe(setting) : ex.Message);
}
