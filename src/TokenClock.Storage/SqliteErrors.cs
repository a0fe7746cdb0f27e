using Microsoft.Data.Sqlite;

namespace TokenClock.Storage;

/// <summary>
/// Turns SQLite's numbered errors ("SQLite Error 14") into sentences that name the file, the cause and a fix.
/// Codes: https://sqlite.org/rescode.html (primary codes; extended codes are reduced with &amp; 0xFF).
/// </summary>
internal static class SqliteErrors
{
    public static ResultsDatabaseException Explain(SqliteException ex, string path, bool writing)
    {
        var folder = System.IO.Path.GetDirectoryName(path) ?? ".";
        const string Db = StorageSettings.Db;
        Func<Func<string, string>, string> message = (ex.SqliteErrorCode & 0xFF) switch
        {
            5 or 6 => n => $"the results database '{path}' stayed locked by another process for more than 5 s; wait for that run to finish, or pass {n(Db)} with another file",
            8 => n => $"the results database '{path}' is read-only (the file, its -wal/-shm files or folder '{folder}' is not writable) and recording needs write access; make them writable (chmod u+w) or pass {n(Db)} with a file in a writable folder",
            10 => n => $"reading or writing the results database '{path}' failed with an I/O error ({ex.Message}); check the disk and folder '{folder}', or pass {n(Db)} with a file elsewhere",
            11 => n => $"the results database '{path}' is damaged (SQLite: database disk image is malformed); restore it from a backup or salvage it with `sqlite3 '{path}' .recover`, and pass {n(Db)} with a new file meanwhile",
            13 => n => $"the disk holding the results database '{path}' is full; free space in '{folder}' or pass {n(Db)} with a file on another disk",
            14 => CannotOpen(path, folder, writing),
            23 => n => $"access to the results database '{path}' was denied; check its permissions, or pass {n(Db)} with another file",
            26 => n => $"'{path}' is not an SQLite database (it may be another kind of file, or encrypted); pass {n(Db)} with a TokenClock results file or a new file name",
            _ => n => $"the results database '{path}' could not be used: {ex.Message}; pass {n(Db)} with another file if this persists",
        };
        return new ResultsDatabaseException(path, message, ex);
    }

    private static Func<Func<string, string>, string> CannotOpen(string path, string folder, bool writing)
    {
        const string Db = StorageSettings.Db;
        if (Directory.Exists(path)) return n => $"{n(Db)} '{path}' is a folder, not a file; pass {n(Db)} with a file name, e.g. {n(Db)} '{System.IO.Path.Combine(path, SqliteRunStore.DefaultPath)}'";
        if (!File.Exists(path)) return n => $"there is no results database at '{path}'; record a run into it first, or pass {n(Db)} with an existing file";
        return writing
            ? n => $"the results database '{path}' cannot be opened for writing (the file or folder '{folder}' is read-only or not yours); make them writable or pass {n(Db)} with a file in a writable folder"
            : n => $"the results database '{path}' cannot be opened for reading (no permission on the file, or its WAL files are missing in read-only folder '{folder}'); make it readable or copy it somewhere writable and pass {n(Db)} COPY";
    }
}
