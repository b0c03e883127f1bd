using MailKit.Security;

namespace ItStopsHere.Web.Email;

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum SmtpTlsMode
{
    /// <summary>Connect in plain text, then upgrade with STARTTLS; refuse to send if the server cannot (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte ("implicit TLS", port 465).</summary>
    SslOnConnect,

    /// <summary>MailKit decides: TLS on port 465, STARTTLS when the server offers it, otherwise plain text. Not for production.</summary>
    Auto,

    /// <summary>No encryption at all: only for a relay on the same machine or in tests.</summary>
    None,
}

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

/// <summary>How the outbox retries: <c>Email:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    /// <summary>
    /// Attempts before a message is marked failed. With the default delays (30 s doubling to a cap of
    /// 2 hours) 20 attempts cover a mail server that is down for about a day.
    /// </summary>
    public int MaxAttempts { get; set; } = 20;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// How often the sender looks for due messages when nothing wakes it. Enqueuing wakes it at once;
    /// this is the safety net for messages written by another process (for example the CLI).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Messages sent over one SMTP connection before the sender looks again.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// While people are waiting on the site (<see cref="ISiteLoad"/>: signatures queueing for the
    /// database), the sender sends one message and then waits this long, or until the queue clears,
    /// before the next: at most 10 a second by default, so a surge of signings is not slowed by their
    /// own thank-you emails; the backlog goes out at full speed as soon as the surge passes.
    /// Zero turns this off.
    /// </summary>
    public TimeSpan PauseWhileBusy { get; set; } = TimeSpan.FromMilliseconds(100);
}
