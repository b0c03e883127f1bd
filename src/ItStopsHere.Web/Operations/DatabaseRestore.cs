using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ItStopsHere.Web.Operations;

/// <summary>
/// Puts a verified backup in place of the live database, with the site stopped. The old database is not
/// deleted: it is renamed <c>…db.before-restore-TIME</c>, so a restore can itself be undone.
/// </summary>
public static class DatabaseRestore
{
    public static async Task<RestoreResult> RestoreAsync(string databaseFile, string backupFile, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var (signatures, staff) = await DatabaseBackup.VerifyAsync(backupFile, cancellationToken);
        string? keptAs = null;
        if (File.Exists(databaseFile))
        {
            EnsureNobodyHasItOpen(databaseFile);
            keptAs = databaseFile + ".before-restore-" + clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databaseFile))!);
        }

        // Copy beside the live file first (same file system), so the swap itself is two renames.
        var incoming = databaseFile + ".restoring";
        File.Copy(backupFile, incoming, overwrite: true);
        if (keptAs is not null)
        {
            File.Move(databaseFile, keptAs);
        }

        foreach (var leftover in new[] { databaseFile + "-wal", databaseFile + "-shm", databaseFile + "-journal" })
        {
            File.Delete(leftover);
        }

        File.Move(incoming, databaseFile);
        return new RestoreResult(databaseFile, keptAs, signatures, staff);
    }

    /// <summary>
    /// Refuses while any process (the site, a backup, a shell) has the database open. Leaving WAL mode
    /// needs the only connection to the file, so SQLite itself answers "busy" when another has it; when
    /// it succeeds, it has also folded the WAL into the main file, so the kept copy is complete on its own.
    /// </summary>
    private static void EnsureNobodyHasItOpen(string databaseFile)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = databaseFile,
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
            }.ToString());
            connection.Open();
            using (var noWaiting = connection.CreateCommand())
            {
                noWaiting.CommandText = "PRAGMA busy_timeout=0;";
                noWaiting.ExecuteNonQuery();
            }

            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE;";
            var mode = command.ExecuteScalar() as string;
            if (!string.Equals(mode, "delete", StringComparison.OrdinalIgnoreCase))
            {
                throw new RestoreRefusedException(StillOpen(databaseFile));
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            throw new RestoreRefusedException(StillOpen(databaseFile));
        }
    }

    private static string StillOpen(string databaseFile) =>
        $"The database {databaseFile} is in use: stop the site first (e.g. systemctl stop itstopshere), then run restore again. Nothing was changed.";
}
