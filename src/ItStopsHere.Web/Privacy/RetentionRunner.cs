using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Privacy;

/// <summary>
/// Runs every retention job once, each in its own scope; one failing job does not stop the others.
/// This is what the CLI's <c>retention run</c> calls.
/// </summary>
public sealed partial class RetentionRunner(
    IServiceScopeFactory scopes,
    IEnumerable<RetentionJobRegistration> registrations,
    TimeProvider time,
    ILogger<RetentionRunner> logger)
{
    // The schedule and the CLI in the same process do not run the jobs at the same moment.
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
                    var deleted = await job.RunAsync(now, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention: {RetentionJob} failed; the other jobs still ran")]
    private partial void LogJobFailed(Exception exception, string retentionJob);
}
