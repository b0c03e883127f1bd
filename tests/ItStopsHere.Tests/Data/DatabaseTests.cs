using ItStopsHere.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace ItStopsHere.Tests.Data;

public class DatabaseTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Startup_OnEmptyDatabase_AppliesEveryMigration()
    {
        _ = factory.Services; // starts the app, which migrates

        var (applied, all, pending) = await factory.WithDbAsync(async db => (
            (await db.Database.GetAppliedMigrationsAsync()).ToList(),
            db.Database.GetMigrations().ToList(),
            (await db.Database.GetPendingMigrationsAsync()).ToList()));

        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
        Assert.Empty(pending);
    }

    // SQLite only: reads SQLite pragmas (WAL, synchronous, busy_timeout); PostgreSQL has none of them.
    [Trait("Provider", "SqliteOnly")]
    [Fact]
    public async Task Startup_Database_IsInWalModeWithFullSyncAndBusyTimeout()
    {
        _ = factory.Services;

        var (journal, synchronous, busy) = await factory.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            try
            {
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                return (Scalar(connection, "PRAGMA journal_mode"), Scalar(connection, "PRAGMA synchronous"), Scalar(connection, "PRAGMA busy_timeout"));
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

        Assert.Equal("wal", journal);
        Assert.Equal("2", synchronous); // FULL
        Assert.True(int.Parse(busy, System.Globalization.CultureInfo.InvariantCulture) >= 1000);
    }

    [Fact]
    public void ConnectionString_RelativePath_IsResolvedAgainstContentRoot()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = "Data Source=data/site.db" })
            .Build();

        var resolved = new SqliteConnectionStringBuilder(
            ItStopsHere.Web.Data.DatabaseServices.ResolveConnectionString(configuration, "/srv/app"));

        Assert.Equal("/srv/app/data/site.db", resolved.DataSource);
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
