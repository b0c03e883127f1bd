namespace ItStopsHere.Web.Privacy;

/// <summary>
/// What one job did in a run: deleted <see cref="Deleted"/> items, failed (<see cref="Error"/>, the exception's
/// type), or was <see cref="Skipped"/> because another instance (or a <c>retention run</c> from cron) was
/// running it at that moment, on PostgreSQL (<see cref="Data.JobLock"/>); the next run tries again.
/// </summary>
public sealed record RetentionJobResult(string Job, int Deleted, string? Error, bool Skipped = false)
{
    /// <summary>What the CLI prints for a skipped job.</summary>
    public const string SkippedReason = "skipped: another instance is running it";

    public bool Succeeded => Error is null;
}
