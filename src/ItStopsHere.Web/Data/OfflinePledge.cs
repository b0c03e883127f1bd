using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

/// <summary>A batch of pledges collected on paper or at a stall: counted in the public total, with no personal data.</summary>
public class OfflinePledge
{
    public long Id { get; set; }

    public int Count { get; set; }

    /// <summary>The day the pledges were collected.</summary>
    public DateOnly CollectedOn { get; set; }

    /// <summary>Where, e.g. "Freshers' fair, Strand".</summary>
    public string Location { get; set; } = "";

    public string? Note { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";
}
