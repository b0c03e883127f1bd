using MailKit.Net.Smtp;
using MimeKit;

namespace ItStopsHere.Web.Email;

public interface IMailSession : IAsyncDisposable
{
    /// <summary>Returns once the server has accepted the message for delivery; throws otherwise.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
