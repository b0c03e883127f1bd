using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Data;

/// <summary>
/// Brings the database up to date when the app starts: creates the folder, applies migrations,
/// switches on WAL mode (which stays set in the file) and adds first-run content.
/// </summary>
public static class DatabaseInitializer
{
    /// <summary>On (the default) the site applies pending migrations as it starts; off, it refuses to start until <c>migrate</c> has run.</summary>
    public const string MigrateOnStartupKey = "Database:MigrateOnStartup";

    /// <summary>Applies pending migrations (the <c>migrate</c> command) and returns their names.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        CreateFolder(db);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        await UseWalAsync(db, cancellationToken);
        return pending;
    }

    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));

        var where = CreateFolder(db);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (pending.Count > 0 && !options.MigrateOnStartup)
        {
            throw new PendingMigrationsException(where, pending);
        }

        await db.Database.MigrateAsync(cancellationToken);
        await UseWalAsync(db, cancellationToken);
        logger.LogInformation(
            "Database ready at {DatabaseFile}: applied {MigrationCount} migration(s) {Migrations}",
            where, pending.Count, pending);

        foreach (var seeder in scope.ServiceProvider.GetServices<IStartupSeeder>())
        {
            await seeder.SeedAsync(db, cancellationToken);
        }
    }

    /// <summary>
    /// SQLite: creates the database file's folder and returns the file's path. PostgreSQL: nothing to
    /// create; returns the server and database (never the password) for the log.
    /// </summary>
    private static string CreateFolder(AppDbContext db)
    {
        if (!db.Database.IsSqlite())
        {
            var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
            return $"PostgreSQL {npgsql.Host}:{npgsql.Port}/{npgsql.Database}";
        }

        var connection = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        var directory = Path.GetDirectoryName(connection.DataSource);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        return connection.DataSource;
    }

    /// <summary>SQLite's WAL mode (stays set in the file); PostgreSQL always writes ahead.</summary>
    private static async Task UseWalAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
