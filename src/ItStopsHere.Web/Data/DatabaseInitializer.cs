using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Data;

/// <summary>
/// Brings the database up to date when the app starts: creates the folder, applies migrations,
/// switches on WAL mode (which stays set in the file) and adds first-run content.
/// </summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));

        var connection = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        var directory = Path.GetDirectoryName(connection.DataSource);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        logger.LogInformation(
            "Database ready at {DatabaseFile}: applied {MigrationCount} migration(s) {Migrations}",
            connection.DataSource, pending.Count, pending);

        foreach (var seeder in scope.ServiceProvider.GetServices<IStartupSeeder>())
        {
            await seeder.SeedAsync(db, cancellationToken);
        }
    }
}

/// <summary>
/// Adds content on start-up: first-run campaign content in every environment, and clearly fictional
/// demo data in Development. Each seeder must be idempotent: it runs on every start.
/// </summary>
public interface IStartupSeeder
{
    Task SeedAsync(AppDbContext db, CancellationToken cancellationToken);
}
