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
