using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Privacy;

public sealed record RetentionReport(DateTimeOffset RanAt, IReadOnlyList<RetentionJobResult> Jobs)
{
    public bool Succeeded => Jobs.All(j => j.Succeeded);

    public int Deleted => Jobs.Sum(j => j.Deleted);
}
