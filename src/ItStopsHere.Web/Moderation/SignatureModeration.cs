using System.Globalization;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Signing;

namespace ItStopsHere.Web.Moderation;

/// <summary>
/// Approve, hide, restore and delete, single or in bulk. Every change runs inside the
/// <see cref="SignatureWriter"/>'s transaction, with its audit entry written in the same transaction, so
/// the public count, the numbering and every open live feed change at once and never without their record.
/// A signature whose status no longer allows the action (another moderator got there first) is skipped.
/// </summary>
public sealed class SignatureModeration(SignatureWriter writer, TimeProvider clock)
{
    /// <summary>The reasons offered when hiding; a moderator may also write their own.</summary>
    public static IReadOnlyList<string> HideReasons { get; } =
    [
        "Offensive or abusive",
        "Spam or advertising",
        "Not a real name",
        "Impersonates someone",
        "Signer asked for it to be taken down",
    ];

    /// <summary>The statuses each action applies to.</summary>
    public static bool Applies(ModerationAction action, SignatureStatus status) => action switch
    {
        ModerationAction.Approve => status == SignatureStatus.Held,
        ModerationAction.Hide => status is SignatureStatus.Published or SignatureStatus.Held,
        ModerationAction.Restore => status == SignatureStatus.Hidden,
        ModerationAction.Delete => true,
        _ => false,
    };

    public static string Verb(ModerationAction action) => action switch
    {
        ModerationAction.Approve => "Approve",
        ModerationAction.Hide => "Hide",
        ModerationAction.Restore => "Restore",
        ModerationAction.Delete => "Delete permanently",
        _ => action.ToString(),
    };

    public static string PastTense(ModerationAction action) => action switch
    {
        ModerationAction.Approve => "approved",
        ModerationAction.Hide => "hidden",
        ModerationAction.Restore => "restored",
        ModerationAction.Delete => "deleted permanently",
        _ => action.ToString(),
    };

    public Task<ModerationResult> ApplyAsync(
        ModerationAction action, IReadOnlyCollection<long> signatureIds, string? reason, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var ids = signatureIds.Distinct().Order().ToList();
        return writer.RunAsync(tx =>
        {
            var changed = new List<long>();
            var skipped = new List<long>();
            foreach (var id in ids)
            {
                var current = ReadStatus(tx, id);
                if (current is not { } found || !Applies(action, found.Status))
                {
                    skipped.Add(id);
                    continue;
                }

                var done = action switch
                {
                    ModerationAction.Approve or ModerationAction.Restore => tx.SetStatus(id, SignatureStatus.Published),
                    ModerationAction.Hide => tx.SetStatus(id, SignatureStatus.Hidden),
                    ModerationAction.Delete => tx.Erase(id),
                    _ => false,
                };
                if (!done)
                {
                    skipped.Add(id);
                    continue;
                }

                changed.Add(id);
                WriteAudit(tx, actor, action, id, found, reason);
            }

            return new ModerationResult(changed, skipped);
        }, cancellationToken);
    }

    private static (SignatureStatus Status, long? Number)? ReadStatus(SignatureTransaction tx, long id)
    {
        using var select = tx.Command("""SELECT "Status", "Number" FROM "Signatures" WHERE "Id" = @id""");
        select.With("id", id);
        using var reader = select.ExecuteReader();
        return reader.Read() ? ((SignatureStatus)reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetInt64(1)) : null;
    }

    /// <summary>
    /// The entry says what happened and why, never the signer's name or email: after a permanent delete
    /// the audit log must not keep the personal data the delete erased.
    /// </summary>
    private void WriteAudit(SignatureTransaction tx, AuditActor actor, ModerationAction action, long id, (SignatureStatus Status, long? Number) before, string? reason)
    {
        var details = string.Create(CultureInfo.InvariantCulture,
            $"Signature {id}{(before.Number is { } n ? $" (number {n})" : "")}, was {before.Status}");
        if (!string.IsNullOrWhiteSpace(reason))
        {
            details += ". Reason: " + reason.Trim();
        }

        var kind = action switch
        {
            ModerationAction.Approve => AuditActions.SignatureApproved,
            ModerationAction.Hide => AuditActions.SignatureHidden,
            ModerationAction.Restore => AuditActions.SignatureRestored,
            _ => AuditActions.SignatureDeleted,
        };
        AuditLog.Record(tx, clock.GetUtcNow(), actor, kind, "Signature", id.ToString(CultureInfo.InvariantCulture), details);
    }
}
