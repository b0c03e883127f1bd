using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Tests.Operations;

/// <summary>The readiness check on real SQLite files, for the cases the child-process tests do not stage.</summary>
// SQLite only: builds old and broken SQLite files (a missing or corrupt database file) by hand.
[Trait("Provider", "SqliteOnly")]
public class ReadinessCheckTests
{
    [Fact]
    public async Task NotReady_WhileMigrationsArePending_ReadyOnceApplied()
    {
        var databasePath = SiteFactory.NewDatabasePath();
        try
        {
            var options = new DbContextOptionsBuilder<AppDbContext>()
                .UseSqlite($"Data Source={databasePath};Pooling=False", sqlite => sqlite.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
                .Options;
            await using var db = new AppDbContext(options);
            await db.GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase);
            var check = new DatabaseReadinessCheck(new DatabaseFileLocation(databasePath), db, Options.Create(new HealthOptions()), TimeProvider.System);

            var before = await check.CheckHealthAsync(new HealthCheckContext());
            Assert.Equal(HealthStatus.Unhealthy, before.Status);
            Assert.Contains("not applied: run migrate", before.Description, StringComparison.Ordinal);

            await db.Database.MigrateAsync();
            var after = await check.CheckHealthAsync(new HealthCheckContext());
            Assert.Equal(HealthStatus.Healthy, after.Status);
        }
        finally
        {
            OperationsTestSupport.DeleteDatabase(databasePath);
        }
    }

    [Fact]
    public async Task NotReady_WhenTheFileIsNotADatabase_AndNothingIsCreated()
    {
        var databasePath = SiteFactory.NewDatabasePath();
        try
        {
            await File.WriteAllTextAsync(databasePath, "this is not a SQLite database, it is a text file of some length to fill a page");
            var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={databasePath}").Options;
            await using var db = new AppDbContext(options);
            var check = new DatabaseReadinessCheck(new DatabaseFileLocation(databasePath), db, Options.Create(new HealthOptions()), TimeProvider.System);

            var result = await check.CheckHealthAsync(new HealthCheckContext());
            Assert.Equal(HealthStatus.Unhealthy, result.Status);
            Assert.Equal("The database did not answer.", result.Description);

            var missing = new DatabaseReadinessCheck(new DatabaseFileLocation(databasePath + ".gone"), db, Options.Create(new HealthOptions()), TimeProvider.System);
            Assert.Equal(HealthStatus.Unhealthy, (await missing.CheckHealthAsync(new HealthCheckContext())).Status);
            Assert.False(File.Exists(databasePath + ".gone"));
        }
        finally
        {
            OperationsTestSupport.DeleteDatabase(databasePath);
        }
    }
}
