using Spectre.Console;

namespace TokenClock.Cli.Infrastructure;

/// <summary>Checks of the --db value that can be made before any file is touched.</summary>
internal static class DbOption
{
    public static ValidationResult Check(string? db) =>
        db is not null && string.IsNullOrWhiteSpace(db)
            ? ValidationResult.Error($"--db '{db}' is empty; pass a results file such as --db tokenclock.db (the default when --db is left out)")
            : ValidationResult.Success();
}
