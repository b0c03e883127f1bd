using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Reporting;

/// <summary>A case as the queue shows it: no content, only what is needed to give it to someone.</summary>
public sealed record CaseSummary(
    Guid Id,
    ReportRoute Route,
    ReportState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool AwaitingReply,
    string? AdviserId,
    string? AdviserName)
{
    /// <summary>The first 8 characters of the id: enough for staff to tell cases apart in speech.</summary>
    /// <summary>When the case was closed, while it is.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    public string Reference => Id.ToString("N")[..8].ToUpperInvariant();
}
