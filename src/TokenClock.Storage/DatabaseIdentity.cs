using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TokenClock.Storage;

/// <summary>
/// Makes sure a file is TokenClock's before anything is written to it. TokenClock databases carry
/// <c>PRAGMA application_id</c> = <see cref="ApplicationId"/> ("TkCl") in their header. An unstamped file is ours
/// when it is empty (new) or holds TokenClock's own tables (made before the stamp existed); those are stamped.
/// Anything else is another application's database and is refused, so it never silently gains our tables.
/// </summary>
internal static class DatabaseIdentity
{
    public const int ApplicationId = 0x546B436C; // 'T' 'k' 'C' 'l'

    private static readonly string[] OwnTables = ["schema_migrations", "runs", "requests", "chunks"];

    /// <summary>The kind of file found; throws for a foreign one.</summary>
    public static async Task<bool> CheckAsync(SqliteConnection connection, string path, CancellationToken ct)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA application_id;";
        var id = Convert.ToInt32(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (id == ApplicationId) return true;

        var tables = new List<string>();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name;";
        using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) tables.Add(reader.GetString(0));

        if (id != 0)
            throw new ResultsDatabaseException(path, n => string.Create(CultureInfo.InvariantCulture,
                $"'{path}' belongs to another application (SQLite application_id 0x{id:X8}, TokenClock's is 0x{ApplicationId:X8}); TokenClock will not add its tables to it; pass {n(StorageSettings.Db)} with a TokenClock results file or a new file name"));
        if (tables.Count == 0) return false; // a new, empty file: ours from now on
        if (OwnTables.All(t => tables.Contains(t, StringComparer.Ordinal))) return false; // made before the stamp existed

        var shown = string.Join(", ", tables.Take(8)) + (tables.Count > 8 ? ", …" : "");
        throw new ResultsDatabaseException(path, n =>
            $"'{path}' is another application's SQLite database (its tables: {shown}); TokenClock will not add its tables to it; pass {n(StorageSettings.Db)} with a TokenClock results file or a new file name");
    }

    /// <summary>Writes the stamp (read-write connections only).</summary>
    public static async Task StampAsync(SqliteConnection connection, CancellationToken ct)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {ApplicationId};");
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
