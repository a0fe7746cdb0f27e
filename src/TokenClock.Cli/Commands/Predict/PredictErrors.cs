using TokenClock.Cli.Infrastructure;

namespace TokenClock.Cli.Commands.Predict;

/// <summary>Unknown names and bad values from the prediction library are usage errors (exit 2): their message
/// already lists what exists.</summary>
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

    private static UsageException Usage(ArgumentException ex) =>
        new(ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal));
}
