using System.Diagnostics;
using System.Globalization;
using ItStopsHere.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Operations;

/// <summary>
/// Copies the live SQLite database with SQLite's online backup API while the site keeps signing, checks
/// the copy, and keeps the newest <see cref="BackupOptions.Keep"/>. Used by the <c>backup</c> command
/// (its own process) and by <see cref="ScheduledBackup"/> (inside the site).
/// <para>Why this is consistent while the writer commits: the database is in WAL mode, so the copy is one
/// read transaction (<c>sqlite3_backup_step(-1)</c>, all pages in one step) that sees the database as of
/// its start, and the writer's commits go on into the WAL meanwhile: readers never block the writer and
/// the writer never blocks readers. A commit acknowledged before the copy began is in it; one made during
/// it is in the next backup. The copy holds back checkpointing for as long as it runs (the WAL grows a
/// little, then is checkpointed as usual). It takes no <see cref="WriteGate"/> turn for the same reason.
/// A file copy (<c>cp</c>) is not safe: it can catch the main file and the WAL at different moments.</para>
/// </summary>
public sealed class DatabaseBackup(AppDbContext db, TimeProvider clock)
{
    public const string FilePrefix = "itstopshere-";
    public const string FileExtension = ".db";

    /// <summary>The live database file this site uses.</summary>
    public string DatabaseFile => new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;

    public async Task<BackupResult> BackupAsync(string folder, int keep, CancellationToken cancellationToken = default)
    {
        var source = DatabaseFile;
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"There is no database at {source} to back up.", source);
        }

        Directory.CreateDirectory(folder);
        var started = Stopwatch.StartNew();
        var target = NewFileName(folder, clock.GetUtcNow());
        var partial = target + ".partial";
        try
        {
            await using (var from = Open(source, SqliteOpenMode.ReadWrite))
            await using (var to = Open(partial, SqliteOpenMode.ReadWriteCreate))
            {
                from.BackupDatabase(to);
                // The copy is a single self-contained file: no -wal beside it to lose. (The site turns WAL
                // back on when it starts on a restored file.)
                await ExecuteAsync(to, "PRAGMA journal_mode=DELETE;", cancellationToken);
            }

            var (signatures, staff) = await VerifyAsync(partial, cancellationToken);
            File.Move(partial, target);
            var deleted = Prune(folder, keep);
            return new BackupResult(target, new FileInfo(target).Length, signatures, staff, started.Elapsed, deleted);
        }
        catch
        {
            SqliteConnection.ClearAllPools();
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>
    /// Opens a copy and checks it: <c>PRAGMA integrity_check</c> says ok, and it holds the site's tables.
    /// Returns its signature and staff account counts. Throws <see cref="BackupVerificationException"/>.
    /// </summary>
    public static async Task<(long Signatures, long StaffAccounts)> VerifyAsync(string file, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(file))
        {
            throw new BackupVerificationException($"There is no file at {file}.");
        }

        try
        {
            await using var connection = Open(file, SqliteOpenMode.ReadOnly);
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            var problems = new List<string>();
            await using (var reader = await check.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    problems.Add(reader.GetString(0));
                }
            }

            if (problems is not ["ok"])
            {
                throw new BackupVerificationException($"{file} failed the integrity check: {string.Join("; ", problems.Take(5))}");
            }

            return (await CountAsync(connection, "Signatures", cancellationToken), await CountAsync(connection, "AspNetUsers", cancellationToken));
        }
        catch (SqliteException ex)
        {
            throw new BackupVerificationException($"{file} is not a readable site database: {ex.Message}");
        }
    }

    /// <summary>The backups in a folder, newest first.</summary>
    public static IReadOnlyList<FileInfo> List(string folder) =>
        Directory.Exists(folder)
            ? new DirectoryInfo(folder).GetFiles(FilePrefix + "*" + FileExtension)
                .OrderByDescending(f => f.Name, StringComparer.Ordinal)
                .ToList()
            : [];

    private static IReadOnlyList<string> Prune(string folder, int keep)
    {
        var deleted = new List<string>();
        foreach (var old in List(folder).Skip(Math.Max(1, keep)))
        {
            old.Delete();
            deleted.Add(old.Name);
        }

        return deleted;
    }

    /// <summary><c>itstopshere-20261203T021500Z.db</c>: UTC, sortable by name; a second one in the same second gets <c>-2</c>.</summary>
    private static string NewFileName(string folder, DateTimeOffset now)
    {
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var name = Path.Combine(folder, FilePrefix + stamp + FileExtension);
        for (var n = 2; File.Exists(name) || File.Exists(name + ".partial"); n++)
        {
            name = Path.Combine(folder, $"{FilePrefix}{stamp}-{n}{FileExtension}");
        }

        return name;
    }

    private static async Task<long> CountAsync(SqliteConnection connection, string table, CancellationToken cancellationToken)
    {
        // A database from before the table existed (an old release's, or a new empty one) counts 0.
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $table";
        exists.Parameters.AddWithValue("$table", table);
        if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            return 0;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        using var pragma = connection.CreateCommand();
        // The writer holds its lock only for a commit; a brief wait (e.g. while it recovers the WAL index) is fine.
        pragma.CommandText = "PRAGMA busy_timeout=10000;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
