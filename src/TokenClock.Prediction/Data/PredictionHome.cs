namespace TokenClock.Prediction.Data;

/// <summary>Where user data lives: $TOKENCLOCK_HOME, else ~/.tokenclock. Override files sit there.</summary>
public static class PredictionHome
{
    public const string Variable = "TOKENCLOCK_HOME";

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

    public static string HardwareFile => Path.Combine(Directory, "hardware.json");
    public static string ApiPricesFile => Path.Combine(Directory, "api-prices.json");
    public static string EngineProfilesFile => Path.Combine(Directory, "engine-profiles.json");
}
