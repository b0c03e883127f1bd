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

public interface IMailSession : IAsyncDisposable
{
    /// <summary>Returns once the server has accepted the message for delivery; throws otherwise.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

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

/// <summary>
/// Writes each message as an <c>.eml</c> file (openable in any mail program) instead of sending it:
/// the default when no SMTP host is configured. The file is named after the Message-ID, never the
/// recipient, and written atomically, so writing the same message twice leaves one file.
/// </summary>
public sealed class PickupDirectoryTransport(string folder) : IMailTransport, IMailSession
{
    public string Folder { get; } = folder;

    public string Destination => Folder;

    public IMailSession OpenSession() => this;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        EnsureFolder();
        var path = Path.Combine(Folder, FileName(message));
        var temporary = path + ".tmp";
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public static string FileName(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = new string((message.MessageId ?? Guid.NewGuid().ToString("N")).TakeWhile(c => c != '@').Where(char.IsAsciiLetterOrDigit).ToArray());
        return $"{message.Date.UtcDateTime:yyyyMMdd-HHmmss}-{id}.eml";
    }

    private void EnsureFolder()
    {
        if (Directory.Exists(Folder))
        {
            return;
        }

        // The files hold addresses and personal links: only the site's own user may read them.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Folder);
        }
        else
        {
            Directory.CreateDirectory(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
