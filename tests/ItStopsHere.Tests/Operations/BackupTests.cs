using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Operations;
using static ItStopsHere.Tests.Support.OperationsTestSupport;
using Xunit.Abstractions;

namespace ItStopsHere.Tests.Operations;

/// <summary>
/// Backups taken while the real app (a child process on a SQLite file) is signing as fast as 16 clients
/// can, by the <c>backup</c> command as its own process and by the scheduled job inside the site; then the
/// README's restore procedure: stop, <c>restore --from</c>, start.
/// </summary>
// SQLite only: tests SQLite's online backup and restore; on PostgreSQL backup is pg_dump's and the command refuses.
[Trait("Provider", "SqliteOnly")]
public class BackupTests(ITestOutputHelper output)
{
    private const int Clients = 16;

    [Fact]
    public async Task BackupUnderSigningStorm_HoldsEveryAcknowledgedSigning_ThenRestoreBringsEverythingBack()
    {
        var databasePath = SiteFactory.NewDatabasePath();
        var backups = Path.Combine(Path.GetDirectoryName(databasePath)!, Path.GetFileNameWithoutExtension(databasePath) + "-backups");
        var scheduled = backups + "-scheduled";
        var settings = StormSettings(
            ("Backup:Interval", "00:00:01"),
            ("Backup:Folder", scheduled),
            ("Backup:Keep", "3"),
            ("Serilog:ConsoleFormat", "json"));
        try
        {
            await AddAdminAsync(databasePath, settings);
            var thanked = new ConcurrentQueue<string>();
            string backupFile;
            string[] acknowledgedBefore;
            await using (var app = await ChildApp.StartAsync(databasePath, settings))
            {
                var signers = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => StormSigner.CreateAsync(app)));
                using var stop = new CancellationTokenSource();
                var storm = signers.Select(s => s.SignUntilStoppedAsync(thanked, stop.Token)).ToArray();
                await Eventually.TrueAsync(() => thanked.Count >= 200, TimeSpan.FromSeconds(60), "the storm to be thanked for 200 signings");

                // Everything in here was answered 302 before the backup process was even started.
                acknowledgedBefore = thanked.ToArray();
                var clock = Stopwatch.StartNew();
                var (exit, stdout, stderr) = await ChildApp.RunAsync(databasePath, settings, ["backup", "--to", backups, "--keep", "2"]);
                var commandTime = clock.Elapsed;
                var duringBackup = thanked.Count - acknowledgedBefore.Length;
                await Task.Delay(1500);
                await stop.CancelAsync();
                try
                {
                    await Task.WhenAll(storm);
                }
                catch
                {
                    output.WriteLine(string.Join('\n', app.Output.Split('\n').Where(l => l.Contains("\"@l\":\"Error", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal)).Take(10)));
                    throw;
                }

                foreach (var signer in signers)
                {
                    signer.Dispose();
                }

                Assert.True(exit == 0, $"backup exited {exit}: {stdout} {stderr}");
                Assert.Contains("integrity ok", stdout, StringComparison.Ordinal);
                backupFile = Assert.Single(Directory.GetFiles(backups, "itstopshere-*.db"));
                Assert.Matches(@"itstopshere-\d{8}T\d{6}Z(-\d+)?\.db$", backupFile);
                Assert.True(duringBackup > 0, "The storm should have gone on while the backup ran.");
                output.WriteLine($"backup command (own process, start-up included): {commandTime.TotalSeconds:0.0} s; {stdout.Trim()}");
                output.WriteLine($"{acknowledgedBefore.Length} signings thanked before it started, {duringBackup} while it ran, {thanked.Count} in all ({StormSigner.NotThanked} not thanked)");

                // While the site runs, restore refuses and changes nothing.
                var refused = await ChildApp.RunAsync(databasePath, settings, ["restore", "--from", backupFile]);
                Assert.Equal(1, refused.ExitCode);
                Assert.Contains("stop the site first", refused.Error, StringComparison.Ordinal);
                Assert.Equal(thanked.Count, SignatureEmails(databasePath).Count);

                // The scheduled job ran during the storm with the same code, kept 3, and logged one line per backup.
                await Eventually.TrueAsync(() => app.Output.Contains("\"BackupFile\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "a scheduled backup to be logged");
                var logged = app.Output.Split('\n').First(l => l.Contains("\"BackupFile\"", StringComparison.Ordinal));
                Assert.Contains("\"Signatures\":", logged, StringComparison.Ordinal);
                Assert.Contains("\"DurationMs\":", logged, StringComparison.Ordinal);
                Assert.DoesNotMatch(@"[\w.+-]+@[\w-]+\.[\w.]+", logged);
                await app.StopAsync();
            }

            // The copy opens, passes the integrity check, and holds every signing thanked before it began, numbered without gaps.
            var (signatures, staff) = await DatabaseBackup.VerifyAsync(backupFile);
            var inBackup = SignatureEmails(backupFile);
            var missing = acknowledgedBefore.Where(e => !inBackup.Contains(e)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} signing(s) thanked before the backup are not in it, e.g. {missing.FirstOrDefault()}");
            Assert.Equal(inBackup.Count, signatures);
            Assert.Equal(1, staff);
            Assert.Equal(Enumerable.Range(1, inBackup.Count).Select(n => (long)n), SignatureNumbers(backupFile));
            Assert.Equal("delete", Scalar(backupFile, "PRAGMA journal_mode"));
            output.WriteLine($"backup {Path.GetFileName(backupFile)}: {new FileInfo(backupFile).Length:N0} bytes, {signatures} signatures, {staff} staff account");

            var scheduledFiles = Directory.GetFiles(scheduled, "itstopshere-*.db");
            Assert.InRange(scheduledFiles.Length, 1, 3);
            foreach (var file in scheduledFiles)
            {
                await DatabaseBackup.VerifyAsync(file);
            }

            // Restore, as the README says: the site is stopped; restore; start.
            var afterStorm = SignatureEmails(databasePath);
            Assert.Equal(thanked.Count, afterStorm.Count);
            var restored = await ChildApp.RunAsync(databasePath, settings, ["restore", "--from", backupFile]);
            Assert.True(restored.ExitCode == 0, $"restore exited {restored.ExitCode}: {restored.Output} {restored.Error}");
            var keptAs = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(databasePath)!, Path.GetFileName(databasePath) + ".before-restore-*"));
            Assert.Equal(afterStorm, SignatureEmails(keptAs));

            await using (var app = await ChildApp.StartAsync(databasePath, settings))
            {
                Assert.Equal(inBackup, SignatureEmails(databasePath));
                using var client = app.CreateClient();
                using var stats = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/pledge/stats"));
                Assert.Equal(inBackup.Count, stats.RootElement.GetProperty("count").GetInt64());
                Assert.True(await CanSignInAsync(app, AdminEmail, AdminPassword), "The Admin could not sign in after the restore.");
                Assert.Equal("wal", Scalar(databasePath, "PRAGMA journal_mode"));
            }
        }
        finally
        {
            DeleteDatabase(databasePath);
            foreach (var folder in new[] { backups, scheduled })
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
    }

    [Fact]
    public async Task BackupCommand_KeepsTheNewestN_AndRefusesAMissingDatabase()
    {
        var databasePath = SiteFactory.NewDatabasePath();
        var backups = databasePath + "-backups";
        var settings = StormSettings();
        try
        {
            var missing = await ChildApp.RunAsync(databasePath, settings, ["backup", "--to", backups]);
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains("no database", missing.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(databasePath), "A backup must not create the database it was asked to copy.");

            await AddAdminAsync(databasePath, settings);
            for (var i = 0; i < 3; i++)
            {
                var (exit, stdout, stderr) = await ChildApp.RunAsync(databasePath, settings, ["backup", "--to", backups, "--keep", "2"]);
                Assert.True(exit == 0, $"backup exited {exit}: {stdout} {stderr}");
            }

            var kept = Directory.GetFiles(backups).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(2, kept.Count);
            Assert.All(kept, name => Assert.Matches(new Regex(@"^itstopshere-\d{8}T\d{6}Z(-\d+)?\.db$"), name!));

            var misused = await ChildApp.RunAsync(databasePath, settings, ["backup", "--keep", "none"]);
            Assert.Equal(2, misused.ExitCode);

            var garbage = Path.Combine(backups, "not-a-database.db");
            await File.WriteAllTextAsync(garbage, "this is not SQLite");
            var bad = await ChildApp.RunAsync(databasePath, settings, ["restore", "--from", garbage]);
            Assert.Equal(1, bad.ExitCode);
            Assert.Contains("Not restored", bad.Error, StringComparison.Ordinal);
            Assert.Equal("1", Scalar(databasePath, "SELECT count(*) FROM \"AspNetUsers\""));
        }
        finally
        {
            DeleteDatabase(databasePath);
            if (Directory.Exists(backups))
            {
                Directory.Delete(backups, recursive: true);
            }
        }
    }
}
