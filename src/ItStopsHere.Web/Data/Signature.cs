using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ItStopsHere.Web.Data;

/// <summary>
/// One signature of the pledge. Written only through <c>SignatureWriter</c>, which assigns the public
/// <see cref="Number"/> when the signature is first published and keeps the count and live feed in step.
/// </summary>
public class Signature
{
    public long Id { get; set; }

    /// <summary>Place in publication order, as the original site showed it ("1,088"). Never reused.</summary>
    public long? Number { get; set; }

    public SignatureStatus Status { get; set; }

    public SignatoryType SignatoryType { get; set; }

    /// <summary>The person's name, or the group's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>For individuals only.</summary>
    public Affiliation? Affiliation { get; set; }

    /// <summary>Optional "course, department or society", shown in the feed.</summary>
    public string? Detail { get; set; }

    /// <summary>As typed (trimmed). Never shown on the site.</summary>
    public string? Email { get; set; }

    /// <summary>Trimmed and lower-cased: one signature per address, enforced by a unique index.</summary>
    public string? NormalizedEmail { get; set; }

    public PledgeActions Actions { get; set; }

    public NameDisplay NameDisplay { get; set; } = NameDisplay.FirstNameAndInitial;

    /// <summary>HMAC of the signer's network address (keyed, never the address itself).</summary>
    public string? ClientHash { get; set; }

    public DateTimeOffset SignedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public DateTimeOffset? StatusChangedAt { get; set; }

    /// <summary>SHA-256 (hex) of the signer's personal manage/confirm link token; the token itself is never stored.</summary>
    public string? ManageTokenHash { get; set; }

    /// <summary>Emails sent because this address signed again, in all (limits re-sent confirmation links).</summary>
    public int RepeatNotices { get; set; }

    /// <summary>The day (Unix days, UTC) of the last such email, and how many went that day: a per-day limit.</summary>
    public long? RepeatNoticeDay { get; set; }

    public int RepeatNoticesThatDay { get; set; }
}
