using System.Globalization;
using ItStopsHere.Web.Operations;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Commands;

/// <summary>
/// <c>backup [--to DIR] [--keep N]</c>: copies the live database while the site runs (SQLite's online
/// backup API), checks the copy, names it by UTC time and keeps the newest N. For cron or a systemd timer.
/// </summary>
public sealed class BackupCommand : ISiteCommand
{
    /// <summary>The answer of <c>backup</c> and <c>restore</c> on PostgreSQL, whose server has its own tools.</summary>
    public const string PostgreSqlBackupMessage =
        "backup and restore copy a SQLite file; this site runs on PostgreSQL (Database:Provider). "
        + "Back it up with the server's own tools: pg_dump --format=custom (a consistent copy while the site runs) "
        + "and pg_restore, or continuous archiving. See README.md, \"PostgreSQL\".";

    public IReadOnlyList<string> Name { get; } = ["backup"];

    public string Arguments => "[--to DIR] [--keep N]   (default: Backup:Folder, else a backups folder beside the database; Backup:Keep)";

    public string Summary => "Copies the database safely while the site runs, checks the copy and keeps the newest N backups.";

    public IReadOnlyList<string> Options { get; } = ["to", "keep"];

    // A backup copies whatever is there: it must not migrate (or create) the database first.
    public bool NeedsMigratedDatabase => false;

    public async Task<int> RunAsync(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Services.GetRequiredService<DatabaseFileLocation>().IsPostgreSql)
        {
            await context.Error.WriteLineAsync(BackupCommand.PostgreSqlBackupMessage);
            return CommandLine.Failed;
        }

        var options = context.Services.GetRequiredService<IOptions<BackupOptions>>().Value;
        var keep = options.Keep;
        if (context.Options.TryGetValue("keep", out var keepText)
            && (!int.TryParse(keepText, NumberStyles.None, CultureInfo.InvariantCulture, out keep) || keep < 1))
        {
            await context.Error.WriteLineAsync("--keep must be a whole number, 1 or more.");
            return CommandLine.Misused;
        }

        var backup = context.Services.GetRequiredService<DatabaseBackup>();
        var environment = context.Services.GetRequiredService<IHostEnvironment>();
        var folder = BackupCommandFolder.Resolve(options, backup.DatabaseFile, environment.ContentRootPath, context.Options.GetValueOrDefault("to"));
        try
        {
            var result = await backup.BackupAsync(folder, keep, context.CancellationToken);
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Backed up to {result.File}: {result.Bytes:N0} bytes, {result.Signatures} signatures, {result.StaffAccounts} staff accounts, integrity ok, in {result.Duration.TotalSeconds:0.00} s."));
            foreach (var old in result.Deleted)
            {
                await context.Output.WriteLineAsync($"Deleted the old backup {old} (keeping {keep}).");
            }

            return CommandLine.Succeeded;
        }
        catch (Exception ex) when (ex is BackupVerificationException or FileNotFoundException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await context.Error.WriteLineAsync($"The backup failed: {ex.Message}");
            return CommandLine.Failed;
        }
    }
}
