using MailKit.Net.Smtp;
using MimeKit;

namespace ItStopsHere.Web.Email;

/// <summary>Sends through an SMTP server with MailKit.</summary>
public sealed class SmtpMailTransport(EmailOptions options) : IMailTransport
{
    public string Destination => $"{options.Host}:{options.EffectivePort} ({options.TlsMode})";

    public IMailSession OpenSession() => new Session(options);

    private sealed class Session(EmailOptions options) : IMailSession
    {
        private SmtpClient? _client;

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            if (_client is not { IsConnected: true })
            {
                await DropAsync();
                var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
                _client = client;
                await client.ConnectAsync(options.Host!, options.EffectivePort, options.SecureSocketOptions, cancellationToken);
                if (!string.IsNullOrEmpty(options.Username))
                {
                    await client.AuthenticateAsync(options.Username, options.Password ?? "", cancellationToken);
                }
            }

            try
            {
                await _client.SendAsync(message, cancellationToken);
            }
            catch
            {
                // After any failure, start the next message on a fresh connection rather than trust
                // the state this one was left in.
                await DropAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync() => await DropAsync();

        private async Task DropAsync()
        {
            if (_client is null)
            {
                return;
            }

            var client = _client;
            _client = null;
            try
            {
                if (client.IsConnected)
                {
                    using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await client.DisconnectAsync(quit: true, quit.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or MailKit.ProtocolException or System.Net.Sockets.SocketException or MailKit.CommandException)
            {
                // The messages are already accepted or recorded as failed; a rude goodbye changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
