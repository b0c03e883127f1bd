using System.Text.RegularExpressions;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using MimeKit;

namespace ItStopsHere.Web.Email;

/// <summary>Checks and hides email addresses.</summary>
public static partial class EmailAddresses
{
    public const string Placeholder = "[address]";

    /// <summary>A single plain address (no display name, no group) that MimeKit can send to.</summary>
    public static bool IsValid(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Trim().Length > OutboxMessageConfiguration.MaxAddressLength)
        {
            return false;
        }

        var trimmed = address.Trim();
        return MailboxAddress.TryParse(ParserOptions.Default, trimmed, out var mailbox)
            && mailbox.Address == trimmed
            && mailbox.Address.Contains('@', StringComparison.Ordinal);
    }

    /// <summary>
    /// The form of an address that must be unique (one signature per address, one staff account per
    /// address): trimmed, compatibility-folded (Unicode NFKC, so a fullwidth "ａna@x.ac.uk" or a ligature is
    /// the same as its plain letters) and then lower-cased. Mail systems compare addresses the same way
    /// or more loosely, so two addresses that differ only here reach the same person.
    /// </summary>
    public static string DuplicateKey(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var folded = UnicodeText.NormalizeOrKeep(address.Trim(), System.Text.NormalizationForm.FormKC).ToLowerInvariant();
        // Lower-casing can undo the normal form for a few characters; fold again so the key is stable.
        return UnicodeText.NormalizeOrKeep(folded, System.Text.NormalizationForm.FormKC);
    }

    /// <summary>
    /// <paramref name="text"/> with anything that looks like an email address replaced by "[address]".
    /// SMTP servers quote the recipient in their errors ("550 &lt;sam@example.ac.uk&gt;: unknown user"),
    /// and those errors are logged and stored.
    /// </summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return AddressPattern().Replace(text, Placeholder);
    }

    /// <summary>True when <paramref name="text"/> holds something that looks like an email address.</summary>
    public static bool ContainsAddress(string text) => AddressPattern().IsMatch(text);

    // Generous on purpose: a false positive only hides a few characters of a log line.
    // Apostrophes are allowed before the @ (o'neil@...), not after it.
    [GeneratedRegex(@"[^\s<>""(),;:\[\]@]+@[^\s<>""'(),;:\[\]@]+\.[^\s<>""'(),;:\[\]@]+", RegexOptions.CultureInvariant)]
    private static partial Regex AddressPattern();
}
