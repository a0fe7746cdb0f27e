namespace TokenClock.Storage;

/// <summary>
/// Neutral keys of the settings the storage library names in its errors (<see cref="ResultsDatabaseException"/>);
/// each front end names them its own way (the CLI maps them to its flags).
/// </summary>
public static class StorageSettings
{
    /// <summary>The results database file.</summary>
    public const string Db = "db";

    /// <summary>Every key, for front ends that must map all of them.</summary>
    public static IReadOnlyList<string> All { get; } = [Db];
}
