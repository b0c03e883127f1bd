using ItStopsHere.Web.Privacy;

namespace ItStopsHere.Web.Commands;

/// <summary>
/// <c>retention run</c>: runs every retention job once, now, and exits, e.g. from a daily cron job when
/// <c>Retention:Enabled</c> is off, or to apply a shortened retention period straight away.
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
            await (job.Succeeded
                ? context.Output.WriteLineAsync($"{job.Job}: deleted {job.Deleted}")
                : context.Error.WriteLineAsync($"{job.Job}: failed ({job.Error}); see the log"));
        }

        await context.Output.WriteLineAsync($"Retention run finished: {report.Deleted} item(s) deleted.");
        return report.Succeeded ? CommandLine.Succeeded : CommandLine.Failed;
    }
}
