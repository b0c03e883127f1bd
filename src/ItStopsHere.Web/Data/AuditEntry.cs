using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

/// <summary>
/// One line of the append-only audit log: who did what to which record, when, and why.
/// Entries are only ever added (see <see cref="AuditLogSchema"/>). Never put a password, a token or a
/// signer's personal data in <see cref="Details"/>.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The staff member's user id; null for an anonymous visitor (a failed sign-in) or the command line.</summary>
    public string? ActorId { get; set; }

    /// <summary>Who it was, as shown then (the staff member's email, "command line", "anonymous"): kept if the user is removed.</summary>
    public string ActorName { get; set; } = "";

    /// <summary>What happened: one of <see cref="ItStopsHere.Web.Audit.AuditActions"/>.</summary>
    public string Action { get; set; } = "";

    /// <summary>The kind of record acted on, e.g. "User" or "Signature".</summary>
    public string RecordType { get; set; } = "";

    public string? RecordId { get; set; }

    /// <summary>The reason or a short description of the change, in words a person can read later.</summary>
    public string? Details { get; set; }
}
