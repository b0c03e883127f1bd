using System.Net;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static ItStopsHere.Tests.Support.OperationsTestSupport;

namespace ItStopsHere.Tests.Operations;

/// <summary>
/// The README's upgrade procedure with <c>Database:MigrateOnStartup=false</c>: the new release refuses to
/// start on the old schema, <c>backup</c> then <c>migrate</c> bring it up to date, and it starts with
/// every signature and staff account it had.
/// </summary>
// SQLite only: recreates the previous release's SQLite schema and uses the SQLite backup command around the upgrade.
[Trait("Provider", "SqliteOnly")]
public class UpgradeTests
{
    private static readonly Dictionary<string, string> ManualMigrations = StormSettings(("Database:MigrateOnStartup", "false"));

    [Fact]
    public async Task MigrateOnStartupOff_PreviousReleasesSchema_RefusesToStart_ThenBackupMigrateRestartKeepsEverything()
    {
        var databasePath = SiteFactory.NewDatabasePath();
        try
        {
            // The database as the previous release left it: every migration but this release's newest.
            // (Today there is one migration, so that is the schema before any; from the next migration on,
            // this is a real upgrade of a filled database, with no change to the test.)
            var all = await CreateAtPreviousReleaseAsync(databasePath);

            var refused = await ChildApp.RunAsync(databasePath, ManualMigrations, []);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("Database:MigrateOnStartup is false", refused.Error, StringComparison.Ordinal);
            Assert.Contains("migrate", refused.Error, StringComparison.Ordinal);
            Assert.Contains(all[^1], refused.Error, StringComparison.Ordinal);

            // admin add, like every command that needs the schema, refuses too rather than run on the old one.
            var adminRefused = await ChildApp.RunAsync(databasePath, ManualMigrations, ["admin", "add", "--email", AdminEmail, "--role", "Admin"], AdminPassword);
            Assert.Equal(1, adminRefused.ExitCode);

            var backup = await ChildApp.RunAsync(databasePath, ManualMigrations, ["backup", "--to", databasePath + "-backups"]);
            Assert.True(backup.ExitCode == 0, $"backup exited {backup.ExitCode}: {backup.Output} {backup.Error}");

            var migrated = await ChildApp.RunAsync(databasePath, ManualMigrations, ["migrate"]);
            Assert.True(migrated.ExitCode == 0, $"migrate exited {migrated.ExitCode}: {migrated.Output} {migrated.Error}");
            Assert.Contains(all[^1], migrated.Output, StringComparison.Ordinal);

            await AddAdminAsync(databasePath, ManualMigrations);
            HashSet<string> signed;
            await using (var app = await ChildApp.StartAsync(databasePath, ManualMigrations))
            {
                using var signer = await StormSigner.CreateAsync(app);
                var thanked = new System.Collections.Concurrent.ConcurrentQueue<string>();
                using var stop = new CancellationTokenSource();
                var signing = signer.SignUntilStoppedAsync(thanked, stop.Token);
                await Eventually.TrueAsync(() => thanked.Count >= 20, TimeSpan.FromSeconds(60), "20 signings");
                await stop.CancelAsync();
                await signing;
                signed = [.. thanked];
                await app.StopAsync();
            }

            // The next upgrade, by the same procedure: back up, migrate (nothing pending now), restart.
            var again = await ChildApp.RunAsync(databasePath, ManualMigrations, ["backup", "--to", databasePath + "-backups"]);
            Assert.Equal(0, again.ExitCode);
            var nothing = await ChildApp.RunAsync(databasePath, ManualMigrations, ["migrate"]);
            Assert.Equal(0, nothing.ExitCode);
            Assert.Contains("up to date", nothing.Output, StringComparison.Ordinal);

            await using (var app = await ChildApp.StartAsync(databasePath, ManualMigrations))
            {
                Assert.Equal(signed, SignatureEmails(databasePath));
                Assert.True(await CanSignInAsync(app, AdminEmail, AdminPassword), "The Admin could not sign in after the upgrade.");
                using var client = app.CreateClient();
                using var ready = await client.GetAsync("/health/ready");
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }
        }
        finally
        {
            DeleteDatabase(databasePath);
            if (Directory.Exists(databasePath + "-backups"))
            {
                Directory.Delete(databasePath + "-backups", recursive: true);
            }
        }
    }

    /// <summary>Applies every migration but the newest to a new file; returns all migrations, oldest first.</summary>
    private static async Task<IReadOnlyList<string>> CreateAtPreviousReleaseAsync(string databasePath)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite($"Data Source={databasePath};Pooling=False", sqlite => sqlite.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
            .Options;
        await using var db = new AppDbContext(options);
        var all = db.Database.GetMigrations().ToList();
        var previous = all.Count >= 2 ? all[^2] : Migration.InitialDatabase;
        await db.GetService<IMigrator>().MigrateAsync(previous);
        return all;
    }
}
