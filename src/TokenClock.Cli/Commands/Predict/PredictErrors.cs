using TokenClock.Cli.Infrastructure;
using TokenClock.Core.Settings;
using TokenClock.Prediction;

namespace TokenClock.Cli.Commands.Predict;

/// <summary>Unknown names and bad values from the prediction library are usage errors (exit 2): their message
/// already lists what exists. Settings the library names by key are named here by the flag the user typed.</summary>
internal static class PredictErrors
{
    /// <summary>The flag (or command) of each prediction setting key.</summary>
    internal static readonly IReadOnlyDictionary<string, string> FlagOfSetting = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [PredictionSettings.Model] = "--model",
        [PredictionSettings.WeightFormat] = "--quant",
        [PredictionSettings.Hardware] = "--hardware",
        [PredictionSettings.Engine] = "--engine",
        [PredictionSettings.Calibration] = "'tokenclock predict calibrate RUNS --engine NAME'",
        [PredictionSettings.Layers] = "--layers",
        [PredictionSettings.PromptTokens] = "--prompt",
        [PredictionSettings.OutputTokens] = "--output",
        [PredictionSettings.Concurrency] = "--concurrency",
    };

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

    /// <summary>The setting problems in the CLI's words (a key without a flag keeps its neutral name).</summary>
    public static string Describe(SettingException ex) => ex.Describe(key => FlagOfSetting.GetValueOrDefault(key, key));

    private static UsageException Usage(ArgumentException ex) =>
        new(ex is SettingException setting ? Describe(setting) : ex.Message);
}
