using MailKit.Security;

namespace ItStopsHere.Web.Email;

/// <summary>
/// Outgoing email, bound from the <c>Email</c> configuration section. With no <see cref="Host"/> (the
/// default), messages are written as <c>.eml</c> files to <see cref="PickupDirectory"/> instead of sent,
/// so the site runs on a fresh clone. Put <see cref="Username"/> and <see cref="Password"/> in
/// user-secrets or environment variables (<c>Email__Password</c>), never in <c>appsettings.json</c>.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The SMTP server's host name. Empty: write messages to <see cref="PickupDirectory"/>.</summary>
    public string? Host { get; set; }

    /// <summary>The SMTP port; when not set, 465 for <see cref="SmtpTlsMode.SslOnConnect"/> and 587 otherwise.</summary>
    public int? Port { get; set; }

    public SmtpTlsMode TlsMode { get; set; } = SmtpTlsMode.StartTls;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender's address; when not set, the campaign's contact address.</summary>
    public string? FromAddress { get; set; }

    /// <summary>The sender's display name; when not set, the campaign's name.</summary>
    public string? FromName { get; set; }

    /// <summary>Where replies go; when not set, the campaign's contact address.</summary>
    public string? ReplyToAddress { get; set; }

    /// <summary>The folder for <c>.eml</c> files when no SMTP host is set; relative to the content root.</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    /// <summary>
    /// The most one SMTP transaction (connect, authenticate, send) may take. Keep it below the host's
    /// shutdown timeout (30 s by default): a stopping app waits this long for the message in progress.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    public OutboxOptions Outbox { get; set; } = new();

    public int EffectivePort => Port ?? (TlsMode == SmtpTlsMode.SslOnConnect ? 465 : 587);

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Host);

    public SecureSocketOptions SecureSocketOptions => TlsMode switch
    {
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpTlsMode.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.Auto,
    };

    /// <summary>
    /// How long a claimed message belongs to the sender before another may take it. Longer than any
    /// SMTP transaction can last, so a live sender never loses its claim; it only matters after a crash.
    /// </summary>
    public TimeSpan LeaseDuration => Timeout * 2 + TimeSpan.FromSeconds(30);
}
