using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Privacy;

/// <summary>Runs the retention jobs shortly after start-up and then every <see cref="RetentionOptions.Interval"/>.</summary>
public sealed partial class RetentionService(
    RetentionRunner runner,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogDisabled();
            return;
        }

        var wait = settings.FirstRunDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, time, stoppingToken);
                var report = await runner.RunAllAsync(stoppingToken);
                LogRan(report.Deleted, report.Jobs.Count - report.Skipped, report.Skipped, settings.Interval);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Never let a failure here stop the site; the next run tries again.
                LogRunFailed(ex);
            }

            wait = settings.Interval;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention: scheduled runs are off (Retention:Enabled); run `retention run` daily instead")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Deleted} item(s) in {JobCount} job(s) ({SkippedCount} skipped: running on another instance); next run in {Interval}")]
    private partial void LogRan(int deleted, int jobCount, int skippedCount, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention: the scheduled run failed")]
    private partial void LogRunFailed(Exception exception);
}
