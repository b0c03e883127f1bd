using MailKit.Net.Smtp;
using MimeKit;

namespace ItStopsHere.Web.Email;

/// <summary>Where the outbox hands messages over: an SMTP server, or a folder of <c>.eml</c> files.</summary>
public interface IMailTransport
{
    /// <summary>Where messages go, for the log: a host and port, or a folder. Never an address.</summary>
    string Destination { get; }

    /// <summary>Starts a session for a batch of messages (one SMTP connection, opened on the first send).</summary>
    IMailSession OpenSession();
}
