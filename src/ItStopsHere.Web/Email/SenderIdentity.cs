using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ItStopsHere.Web.Email;

/// <summary>Who the campaign's messages come from, resolved once from <see cref="EmailOptions"/> and the campaign.</summary>
public sealed record SenderIdentity(MailboxAddress From, MailboxAddress ReplyTo, string MessageIdDomain)
{
    public static SenderIdentity Create(EmailOptions email, CampaignOptions campaign)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(campaign);
        var fromAddress = string.IsNullOrWhiteSpace(email.FromAddress) ? campaign.ContactEmail : email.FromAddress.Trim();
        var fromName = string.IsNullOrWhiteSpace(email.FromName) ? campaign.Name : email.FromName.Trim();
        var replyTo = string.IsNullOrWhiteSpace(email.ReplyToAddress) ? campaign.ContactEmail : email.ReplyToAddress.Trim();
        var from = new MailboxAddress(fromName, fromAddress);
        return new SenderIdentity(from, new MailboxAddress(campaign.Name, replyTo), from.Domain);
    }

    /// <summary>
    /// The message as it goes out. Everything comes from the stored row, so every attempt produces the
    /// same message with the same Message-ID and Date: a receiving system or mail program that sees a
    /// retry after an uncertain first attempt can recognise it as the same message.
    /// </summary>
    public MimeMessage Compose(OutboxMessage row, EmailContent content)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(content);
        var message = new MimeMessage();
        message.From.Add(From);
        message.ReplyTo.Add(ReplyTo);
        message.To.Add(new MailboxAddress(row.ToName ?? "", row.ToAddress));
        message.Subject = content.Subject;
        message.Date = row.CreatedAt;
        message.MessageId = $"{row.MessageKey:N}@{MessageIdDomain}";
        // An automatic message (RFC 3834): auto-responders and out-of-office replies should stay quiet.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Auto-Response-Suppress", "All");
        message.Headers.Add(HeaderId.ContentLanguage, "en-GB");
        message.Body = new BodyBuilder { TextBody = content.Text, HtmlBody = string.IsNullOrEmpty(content.Html) ? null : content.Html }.ToMessageBody();
        return message;
    }
}
