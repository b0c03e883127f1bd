using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data.Content;

/// <summary>
/// Records that a piece of first-run content was added, so it is added once only: content the campaign
/// team later edits or deletes is never brought back by a restart.
/// </summary>
public class SeedMarker
{
    public string Key { get; set; } = "";

    public DateTimeOffset SeededAt { get; set; }
}
