using System.Security.Claims;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;

namespace ItStopsHere.Web.Audit;

/// <summary>
/// The one writer of the append-only audit log: every entry is made by <see cref="Add"/> and saved
/// through EF Core, so the log's columns are described once, by the model. <see cref="RecordAsync"/>
/// only adds the entry to the request's <see cref="AppDbContext"/>: the caller's own
/// <c>SaveChangesAsync</c> writes it together with the change it describes, so there is never a change
/// without its entry (or the reverse). Changes made inside the signature writer's transaction
/// (moderation, offline pledges) record theirs with <see cref="Record"/>, in that same transaction.
/// </summary>
public sealed class AuditLog(AppDbContext db, IHttpContextAccessor httpContextAccessor, TimeProvider clock)
{
    public const int MaxDetailsLength = 1000;

    /// <param name="action">One of <see cref="AuditActions"/>.</param>
    /// <param name="recordType">The kind of record, e.g. "User".</param>
    /// <param name="recordId">The record's id, if there is one.</param>
    /// <param name="details">The reason or what changed. Never a password, token or signer's personal data.</param>
    /// <param name="actor">Who did it; by default the signed-in staff member, else anonymous.</param>
    public Task RecordAsync(
        string action, string recordType, string? recordId, string? details = null,
        AuditActor? actor = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Add(db, clock.GetUtcNow(), actor ?? CurrentActor(), action, recordType, recordId, details);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Records an entry inside the <see cref="SignatureWriter"/>'s transaction (see <see cref="SignatureTransaction.Save"/>):
    /// it commits, or rolls back, with the change it describes.
    /// </summary>
    public static void Record(
        SignatureTransaction tx, DateTimeOffset at, AuditActor actor, string action, string recordType, string? recordId, string? details)
    {
        ArgumentNullException.ThrowIfNull(tx);
        tx.Save(db => Add(db, at, actor, action, recordType, recordId, details));
    }

    /// <summary>Adds one entry to <paramref name="db"/>, its details cut to <see cref="MaxDetailsLength"/>: the only place an entry is made.</summary>
    public static void Add(
        AppDbContext db, DateTimeOffset at, AuditActor actor, string action, string recordType, string? recordId, string? details)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (details is { Length: > MaxDetailsLength })
        {
            details = details[..(MaxDetailsLength - 1)] + "…";
        }

        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = at,
            ActorId = actor.Id,
            ActorName = actor.Name,
            Action = action,
            RecordType = recordType,
            RecordId = recordId,
            Details = details,
        });
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
