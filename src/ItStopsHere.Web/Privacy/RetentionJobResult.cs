using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Privacy;

public sealed record RetentionJobResult(string Job, int Deleted, string? Error)
{
    public bool Succeeded => Error is null;
}
