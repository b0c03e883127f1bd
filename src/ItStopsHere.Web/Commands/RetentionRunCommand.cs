using ItStopsHere.Web.Privacy;

namespace ItStopsHere.Web.Commands;

/// <summary>
/// <c>retention run</c>: runs every retention job once, now, and exits, e.g. from a daily cron job when
/// <c>Retention:Enabled</c> is off, or to apply a shortened retention period straight away. It takes the
/// same job locks as the site's schedule (<see cref="Data.JobLock"/>): on PostgreSQL a job an instance is
/// running at that moment is skipped (printed as such, exit code still 0), so cron and the site never overlap.
/// </summary>
public sealed class RetentionRunCommand : ISiteCommand
{
    public IReadOnlyList<string> Name { get; } = ["retention", "run"];

    public string Arguments => "";

    public string Summary => "Deletes now whatever the privacy notice says is due (the same jobs the site runs daily), then exits.";

    public IReadOnlyList<string> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = await context.Services.RunRetentionJobsAsync(context.CancellationToken);
        foreach (var job in report.Jobs)
        {
            await (!job.Succeeded
                ? context.Error.WriteLineAsync($"{job.Job}: failed ({job.Error}); see the log")
                : job.Skipped
                    ? context.Output.WriteLineAsync($"{job.Job}: {RetentionJobResult.SkippedReason}")
                    : context.Output.WriteLineAsync($"{job.Job}: deleted {job.Deleted}"));
        }

        await context.Output.WriteLineAsync(report.Skipped == 0
            ? $"Retention run finished: {report.Deleted} item(s) deleted."
            : $"Retention run finished: {report.Deleted} item(s) deleted; {report.Skipped} job(s) skipped, running on another instance.");
        return report.Succeeded ? CommandLine.Succeeded : CommandLine.Failed;
    }
}
