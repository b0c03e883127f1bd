namespace ItStopsHere.Web.Privacy;

public sealed record RetentionReport(DateTimeOffset RanAt, IReadOnlyList<RetentionJobResult> Jobs)
{
    public bool Succeeded => Jobs.All(j => j.Succeeded);

    public int Deleted => Jobs.Sum(j => j.Deleted);

    /// <summary>Jobs left to the instance that was running them already.</summary>
    public int Skipped => Jobs.Count(j => j.Skipped);
}
