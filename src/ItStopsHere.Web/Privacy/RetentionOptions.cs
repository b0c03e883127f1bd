using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Privacy;

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
