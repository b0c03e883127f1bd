using ItStopsHere.Web.Operations;

namespace ItStopsHere.Web.Commands;

/// <summary>
/// <c>restore --from FILE</c>: with the site stopped, checks a backup and puts it in place of the live
/// database, keeping the old one beside it. Refuses while anything has the database open.
/// </summary>
public sealed class RestoreCommand : ISiteCommand
{
    public IReadOnlyList<string> Name { get; } = ["restore"];

    public string Arguments => "--from FILE   (stop the site first)";

    public string Summary => "Checks a backup and swaps it in for the database; the old database is kept as …before-restore-TIME.";

    public IReadOnlyList<string> Options { get; } = ["from"];

    // Must not open (or migrate, or create) the live database before it is swapped.
    public bool NeedsMigratedDatabase => false;

    public async Task<int> RunAsync(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Services.GetRequiredService<DatabaseFileLocation>().IsPostgreSql)
        {
            await context.Error.WriteLineAsync(BackupCommand.PostgreSqlBackupMessage);
            return CommandLine.Failed;
        }

        if (!context.Options.TryGetValue("from", out var from) || string.IsNullOrWhiteSpace(from))
        {
            await context.Error.WriteLineAsync("Say which backup to restore: restore --from FILE");
            return CommandLine.Misused;
        }

        var backup = context.Services.GetRequiredService<DatabaseBackup>();
        var clock = context.Services.GetRequiredService<TimeProvider>();
        try
        {
            var result = await DatabaseRestore.RestoreAsync(backup.DatabaseFile, Path.GetFullPath(from), clock, context.CancellationToken);
            await context.Output.WriteLineAsync($"Restored {from} to {result.DatabaseFile}: {result.Signatures} signatures, {result.StaffAccounts} staff accounts.");
            if (result.PreviousKeptAs is not null)
            {
                await context.Output.WriteLineAsync($"The database it replaced is kept as {result.PreviousKeptAs}; delete it once the site is checked.");
            }

            await context.Output.WriteLineAsync("Now start the site; it applies any pending migrations (or run migrate first).");
            return CommandLine.Succeeded;
        }
        catch (Exception ex) when (ex is BackupVerificationException or RestoreRefusedException or IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"Not restored: {ex.Message}");
            return CommandLine.Failed;
        }
    }
}
