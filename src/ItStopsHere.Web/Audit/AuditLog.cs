using System.Security.Claims;
using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Audit;

/// <summary>
/// Adds entries to the append-only audit log. <see cref="RecordAsync"/> only adds the entry to the
/// request's <see cref="AppDbContext"/>: the caller's own <c>SaveChangesAsync</c> writes it together
/// with the change it describes, so there is never a change without its entry (or the reverse).
/// </summary>
public sealed class AuditLog(AppDbContext db, IHttpContextAccessor httpContextAccessor, TimeProvider clock)
{
    public const int MaxDetailsLength = 1000;

    /// <param name="action">One of <see cref="AuditActions"/>.</param>
    /// <param name="recordType">The kind of record, e.g. "User".</param>
    /// <param name="recordId">The record's id, if there is one.</param>
    /// <param name="details">The reason or what changed. Never a password, token or signer's personal data.</param>
    /// <param name="actor">Who did it; by default the signed-in staff member, else anonymous.</param>
    public async Task RecordAsync(
        string action, string recordType, string? recordId, string? details = null,
        AuditActor? actor = null, CancellationToken cancellationToken = default)
    {
        actor ??= CurrentActor();
        if (details is { Length: > MaxDetailsLength })
        {
            details = details[..(MaxDetailsLength - 1)] + "…";
        }

        await db.AuditEntries.AddAsync(new AuditEntry
        {
            OccurredAt = clock.GetUtcNow(),
            ActorId = actor.Id,
            ActorName = actor.Name,
            Action = action,
            RecordType = recordType,
            RecordId = recordId,
            Details = details,
        }, cancellationToken);
    }

    /// <summary>The signed-in staff member, as the log names them; anonymous outside a signed-in request.</summary>
    public AuditActor CurrentActor()
    {
        var user = httpContextAccessor.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true)
        {
            return AuditActor.Anonymous;
        }

        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return new AuditActor(id, user.FindFirstValue(ClaimTypes.Email) ?? user.Identity.Name ?? id ?? "unknown");
    }
}
