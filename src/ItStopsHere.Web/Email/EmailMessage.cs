namespace ItStopsHere.Web.Email;

/// <summary>
/// An email to put in the outbox.
/// </summary>
/// <param name="ToAddress">The recipient. Never logged.</param>
/// <param name="Content">Subject and bodies, usually from <see cref="EmailTemplates"/>.</param>
/// <param name="Kind">What sort of message this is, e.g. <c>pledge-thank-you</c>: short, never personal; it appears in logs.</param>
/// <param name="ToName">The recipient's name for the To header, if they gave one.</param>
/// <param name="Reference">What the message is about (e.g. <c>signature:42</c>), so it can be erased with it.</param>
public sealed record EmailMessage(
    string ToAddress,
    EmailContent Content,
    string Kind,
    string? ToName = null,
    string? Reference = null);
