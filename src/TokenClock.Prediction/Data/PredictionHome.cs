namespace TokenClock.Prediction.Data;

/// <summary>Where user data lives: $TOKENCLOCK_HOME, else ~/.tokenclock. Override files sit there.</summary>
public static class PredictionHome
{
    /// <summary>The environment variable that moves the folder.</summary>
    public const string Variable = "TOKENCLOCK_HOME";

    /// <summary>The folder: <see cref="Variable"/>, else <c>~/.tokenclock</c>.</summary>
    public static string Directory
    {
        get
        {
            var home = Environment.GetEnvironmentVariable(Variable);
            return string.IsNullOrWhiteSpace(home)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".tokenclock")
                : home;
        }
    }

    /// <summary>The user's hardware table, merged over the shipped one.</summary>
    public static string HardwareFile => Path.Combine(Directory, "hardware.json");
    /// <summary>The user's API prices, merged over the shipped ones.</summary>
    public static string ApiPricesFile => Path.Combine(Directory, "api-prices.json");
    /// <summary>Stored (calibrated) engine profiles.</summary>
    public static string EngineProfilesFile => Path.Combine(Directory, "engine-profiles.json");
}
