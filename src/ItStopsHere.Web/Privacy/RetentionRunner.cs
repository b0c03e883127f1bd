using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Privacy;

/// <summary>
/// Runs every retention job once, each in its own scope; one failing job does not stop the others.
/// This is what the schedule (<see cref="RetentionService"/>) and the CLI's <c>retention run</c> call.
/// Each job runs under its own <see cref="JobLock"/> (<see cref="IRetentionJob.LockName"/>): on PostgreSQL, a job that
/// another instance or a cron run is running at that moment is skipped here (reported as
/// <see cref="RetentionJobResult.Skipped"/>), so several instances never run one job at once.
/// </summary>
public sealed partial class RetentionRunner(
    IServiceScopeFactory scopes,
    IEnumerable<RetentionJobRegistration> registrations,
    JobLock jobLock,
    TimeProvider time,
    ILogger<RetentionRunner> logger)
{
    // The schedule and the CLI in the same process do not run the jobs at the same moment (and on SQLite,
    // where the job lock lets every caller through, this is what keeps one process's runs apart).
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public async Task<RetentionReport> RunAllAsync(CancellationToken cancellationToken = default)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var results = new List<RetentionJobResult>();
            foreach (var registration in registrations)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await using var scope = scopes.CreateAsyncScope();
                var job = (IRetentionJob)scope.ServiceProvider.GetRequiredService(registration.JobType);
                try
                {
                    var deleted = 0;
                    if (!await jobLock.TryRunAsync(job.LockName, async ct => deleted = await job.RunAsync(now, ct), cancellationToken))
                    {
                        LogJobSkipped(job.Name);
                        results.Add(new RetentionJobResult(job.Name, 0, null, Skipped: true));
                        continue;
                    }

                    LogJobRan(job.Name, deleted);
                    results.Add(new RetentionJobResult(job.Name, deleted, null));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogJobFailed(ex, job.Name);
                    results.Add(new RetentionJobResult(job.Name, 0, ex.GetType().Name));
                }
            }

            return new RetentionReport(now, results);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {RetentionJob} deleted {Deleted} item(s)")]
    private partial void LogJobRan(string retentionJob, int deleted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {RetentionJob} skipped: another instance is running it; the next run tries again")]
    private partial void LogJobSkipped(string retentionJob);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention: {RetentionJob} failed; the other jobs still ran")]
    private partial void LogJobFailed(Exception exception, string retentionJob);
}
