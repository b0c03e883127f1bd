using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Tests.Data;

/// <summary>
/// The EF model and the migrations agree, for each provider's migration set: a model change always comes
/// with its migration on SQLite and on PostgreSQL. (Neither check connects to a database.)
/// </summary>
public class ModelAndMigrationsTests
{
    [Fact]
    public void Model_HasNoChangesWithoutASqliteMigration()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(
            db.Database.HasPendingModelChanges(),
            "The EF model has changed since the last SQLite migration: add one (dotnet-ef migrations add Name --project src/ItStopsHere.Web -o Data/Migrations).");
    }

    [Fact]
    public void Model_HasNoChangesWithoutAPostgreSqlMigration()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.False(
            db.Database.HasPendingModelChanges(),
            "The EF model has changed since the last PostgreSQL migration: add one (dotnet-ef migrations add Name --project src/ItStopsHere.Web "
            + "--context PostgreSqlAppDbContext -o Data/Migrations/PostgreSql).");
    }

    [Fact]
    public void EachProvider_HasItsOwnMigrationSet()
    {
        using var sqlite = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        var sqliteMigrations = sqlite.Database.GetMigrations().ToList();
        var postgresMigrations = postgres.Database.GetMigrations().ToList();

        Assert.Contains(sqliteMigrations, m => m.EndsWith("_InitialCreate", StringComparison.Ordinal));
        Assert.Contains(postgresMigrations, m => m.EndsWith("_InitialPostgreSql", StringComparison.Ordinal));
        Assert.Empty(sqliteMigrations.Intersect(postgresMigrations));
    }
}
