using MailKit.Net.Smtp;
using MimeKit;

namespace ItStopsHere.Web.Email;

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
