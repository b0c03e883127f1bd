using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Email;

/// <summary>
/// The outbox's public face. Enqueuing only adds a row to the caller's <see cref="AppDbContext"/>: the
/// message is committed by the caller's own <c>SaveChanges</c> (and transaction, if any), together with
/// whatever it reports, and sent afterwards by <see cref="OutboxSender"/>, which the commit wakes.
/// Nothing here talks to a mail server, so a slow or broken one never slows or fails a request.
/// </summary>
public static class EmailOutbox
{
    /// <summary>Adds <paramref name="message"/> to the outbox; it is stored when the caller saves.</summary>
    public static OutboxMessage EnqueueEmail(this AppDbContext db, EmailMessage message, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        if (!EmailAddresses.IsValid(message.ToAddress))
        {
            // The address itself is not in the message: exceptions end up in logs.
            throw new ArgumentException("The recipient is not a valid email address.", nameof(message));
        }

        if (string.IsNullOrWhiteSpace(message.Kind))
        {
            throw new ArgumentException("Say what kind of message this is, for the logs.", nameof(message));
        }

        var at = now ?? DateTimeOffset.UtcNow;
        var row = new OutboxMessage
        {
            // Time-ordered, so new rows append to the key's index.
            MessageKey = Guid.CreateVersion7(),
            Kind = message.Kind,
            Reference = message.Reference,
            ToAddress = message.ToAddress.Trim(),
            ToName = string.IsNullOrWhiteSpace(message.ToName) ? null : message.ToName.Trim(),
            Subject = message.Content.Subject,
            TextBody = message.Content.Text,
            HtmlBody = message.Content.Html,
            Status = OutboxStatus.Pending,
            CreatedAt = at,
            NextAttemptAt = at,
        };
        db.OutboxMessages.Add(row);
        return row;
    }

    /// <summary>
    /// Deletes every message to <paramref name="address"/>, sent or not (for a withdrawal or an erasure
    /// request). A message being sent at this moment may still arrive; nothing is kept about it.
    /// </summary>
    public static Task<int> EraseRecipientAsync(this AppDbContext db, string address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var trimmed = address.Trim();
        return db.OutboxMessages.Where(m => m.ToAddress == trimmed).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Deletes every message about <paramref name="reference"/> (e.g. <c>signature:42</c>).</summary>
    public static Task<int> EraseReferenceAsync(this AppDbContext db, string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.OutboxMessages.Where(m => m.Reference == reference).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>What the outbox holds about <paramref name="address"/>, for a data-subject access request.</summary>
    public static Task<List<OutboxMessage>> FindForRecipientAsync(this AppDbContext db, string address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var trimmed = address.Trim();
        return db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == trimmed).OrderBy(m => m.Id).ToListAsync(cancellationToken);
    }
}
