using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data;

/// <summary>
/// One email waiting in, or passed through, the outbox. A row is added in the same transaction as the
/// change it reports (a signature and its thank-you commit together, or neither does); the
/// <see cref="OutboxSender"/> sends it later. The bodies (or the <see cref="TemplateData"/> they are
/// written from) may carry a personal link, so they are cleared
/// as soon as the message is sent or given up on; the rest (which includes the address) is deleted by
/// the retention jobs a few days later.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>Left part of the Message-ID header, fixed at enqueue time so every attempt sends the same ID.</summary>
    public Guid MessageKey { get; set; }

    /// <summary>What sort of message this is ("pledge-thank-you"), for logs and support: never personal.</summary>
    public string Kind { get; set; } = "";

    /// <summary>What the message is about (e.g. "signature:42"), so it can be found and erased with it.</summary>
    public string? Reference { get; set; }

    public string ToAddress { get; set; } = "";

    public string? ToName { get; set; }

    public string Subject { get; set; } = "";

    public string? TextBody { get; set; }

    public string? HtmlBody { get; set; }

    /// <summary>
    /// For the campaign's own templates: the values to fill in (JSON), the bodies being left empty and
    /// written by the sender when it sends (<see cref="EmailTemplates.ContentOf"/>). This keeps composing
    /// the email out of the signing's transaction, and the row small. Cleared with the bodies.
    /// </summary>
    public string? TemplateData { get; set; }

    public OutboxStatus Status { get; set; }

    /// <summary>Attempts started so far, counted when a sender claims the message.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset? FailedAt { get; set; }

    /// <summary>Why the last attempt failed, with any email address removed.</summary>
    public string? LastError { get; set; }
}
