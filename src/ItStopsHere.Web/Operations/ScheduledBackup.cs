using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Operations;

/// <summary>
/// Backs the database up every <see cref="BackupOptions.Interval"/> (off unless set), with the same code
/// as the <c>backup</c> command, and logs one line per backup: file, size, rows, time. Never personal data.
/// </summary>
public sealed partial class ScheduledBackup(
    IServiceScopeFactory scopes, IOptions<BackupOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<ScheduledBackup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval ?? TimeSpan.Zero;
        // On PostgreSQL the server's own tools back up (pg_dump): Backup:Interval is refused at start-up there.
        bool postgreSql;
        using (var scope = scopes.CreateScope())
        {
            postgreSql = scope.ServiceProvider.GetRequiredService<DatabaseFileLocation>().IsPostgreSql;
        }

        if (interval <= TimeSpan.Zero || postgreSql)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public async Task<BackupResult?> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var backup = scope.ServiceProvider.GetRequiredService<DatabaseBackup>();
            var result = await backup.BackupAsync(BackupCommandFolder.Resolve(options.Value, backup.DatabaseFile, environment.ContentRootPath, null), options.Value.Keep, cancellationToken);
            LogBackedUp(Path.GetFileName(result.File), result.Bytes, result.Signatures, result.StaffAccounts, (long)result.Duration.TotalMilliseconds, result.Deleted.Count);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex);
            return null;
        }
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information,
        Message = "Backup {BackupFile} verified: {Bytes} bytes, {Signatures} signatures, {StaffAccounts} staff accounts, in {DurationMs} ms; {DeletedCount} old backup(s) deleted")]
    private partial void LogBackedUp(string backupFile, long bytes, long signatures, long staffAccounts, long durationMs, int deletedCount);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Error, Message = "Scheduled backup failed")]
    private partial void LogFailed(Exception exception);
}
