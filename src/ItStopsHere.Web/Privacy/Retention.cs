using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Privacy;

/// <summary>
/// One kind of personal data deleted when its time is up. Jobs run once a day (<see cref="RetentionService"/>)
/// and on demand (<see cref="RetentionRunner"/>, for the CLI's <c>retention run</c>). A job must be safe to
/// run at any time and any number of times, and delete exactly what the privacy notice says, by the
/// numbers in <see cref="PrivacyOptions"/>. Register one with <see cref="RetentionServices.AddRetentionJob{TJob}"/>;
/// it is resolved in its own scope, so it may take the <c>AppDbContext</c>.
/// </summary>
public interface IRetentionJob
{
    /// <summary>A short name for logs and the CLI, e.g. "sent-email".</summary>
    string Name { get; }

    /// <summary>Deletes what is due at <paramref name="now"/>; returns how many items went.</summary>
    Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed record RetentionJobResult(string Job, int Deleted, string? Error)
{
    public bool Succeeded => Error is null;
}

public sealed record RetentionReport(DateTimeOffset RanAt, IReadOnlyList<RetentionJobResult> Jobs)
{
    public bool Succeeded => Jobs.All(j => j.Succeeded);

    public int Deleted => Jobs.Sum(j => j.Deleted);
}

/// <summary>Marks a registered job type; the runner resolves each in a scope of its own.</summary>
public sealed record RetentionJobRegistration(Type JobType);

/// <summary>Scheduling of the retention jobs: <c>Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Run the jobs on a schedule. Turn off only if something else runs <c>retention run</c> daily.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Time from start-up to the first run. Short, so that an app restarted more often than
    /// <see cref="Interval"/> (every deploy) still runs the jobs.
    /// </summary>
    public TimeSpan FirstRunDelay { get; set; } = TimeSpan.FromMinutes(5);
}

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
                LogRan(report.Deleted, report.Jobs.Count, settings.Interval);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Deleted} item(s) in {JobCount} job(s); next run in {Interval}")]
    private partial void LogRan(int deleted, int jobCount, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention: the scheduled run failed")]
    private partial void LogRunFailed(Exception exception);
}

public static class RetentionServices
{
    /// <summary>Adds a retention job, run daily and by <c>retention run</c>.</summary>
    public static IServiceCollection AddRetentionJob<TJob>(this IServiceCollection services)
        where TJob : class, IRetentionJob
    {
        services.AddScoped<TJob>();
        services.AddSingleton(new RetentionJobRegistration(typeof(TJob)));
        return services;
    }

    /// <summary>Runs every retention job now: the entry point for the CLI's <c>retention run</c>.</summary>
    public static Task<RetentionReport> RunRetentionJobsAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<RetentionRunner>().RunAllAsync(cancellationToken);
}
