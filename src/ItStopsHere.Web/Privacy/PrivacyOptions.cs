using System.Globalization;

namespace ItStopsHere.Web.Privacy;

/// <summary>
/// How long the site keeps personal data. The retention jobs delete by these numbers and the privacy
/// notice and emails quote them, so what we say and what we do cannot drift apart.
/// Bound from <c>Privacy</c>, plus <c>Campaign:ClosesOn</c>, and <c>Pledge:UnconfirmedExpiryDays</c> and
/// <c>Pledge:RequireEmailConfirmation</c> copied from the pledge's own options (their defaults are there).
/// </summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Days a signature keeps the keyed hash of the signer's IP address (for spotting abuse).</summary>
    public int IpHashRetentionDays { get; set; } = 30;

    /// <summary>Days after the campaign closes that signers' email addresses and manage links are deleted.</summary>
    public int SignerEmailRetentionAfterCampaignCloseDays { get; set; } = 30;

    /// <summary>Days a sent email's record (the address, subject and time, never the text) is kept, and a copy written to the mail folder.</summary>
    public int SentEmailRetentionDays { get; set; } = 7;

    /// <summary>Days the record of an email that could not be delivered is kept, to look into the problem.</summary>
    public int FailedEmailRetentionDays { get; set; } = 30;

    /// <summary>
    /// Days the hosting keeps the server's request logs. The site does not delete its own logs (they go
    /// to the console and the host's log collector): set this to what the collector is configured to keep.
    /// </summary>
    public int ServerLogRetentionDays { get; set; } = 14;

    /// <summary>Whom to contact about data protection beyond the campaign team (e.g. the university's data protection officer).</summary>
    public string? DataProtectionContact { get; set; }

    /// <summary>The last day of the campaign (London), from <c>Campaign:ClosesOn</c>; none while it is open-ended.</summary>
    public DateOnly? CampaignClosesOn { get; internal set; }

    /// <summary>Days an unconfirmed signature waits for its confirmation link, from <c>Pledge:UnconfirmedExpiryDays</c>.</summary>
    public int UnconfirmedExpiryDays { get; internal set; }

    /// <summary>Whether signatures count only after the email link is followed, from <c>Pledge:RequireEmailConfirmation</c>.</summary>
    public bool RequireEmailConfirmation { get; internal set; }

    /// <summary>The day signers' email addresses are deleted, once the campaign has a closing date.</summary>
    public DateOnly? SignerEmailDeletionDate => CampaignClosesOn?.AddDays(SignerEmailRetentionAfterCampaignCloseDays);

    /// <summary>False when <c>Campaign:ClosesOn</c> is set but is not a date; start-up validation then stops the app.</summary>
    internal bool ClosesOnIsDate { get; private set; } = true;

    /// <summary>Reads <c>Campaign:ClosesOn</c>, a date written yyyy-MM-dd, or empty while the campaign is open-ended.</summary>
    internal void ReadClosingDate(IConfiguration configuration)
    {
        var closesOn = configuration["Campaign:ClosesOn"];
        CampaignClosesOn = null;
        ClosesOnIsDate = string.IsNullOrWhiteSpace(closesOn);
        if (!ClosesOnIsDate && DateOnly.TryParseExact(closesOn!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            CampaignClosesOn = date;
            ClosesOnIsDate = true;
        }
    }

    /// <summary>Copies what the privacy notice and the retention jobs quote from the pledge's options.</summary>
    internal void CopyFrom(Signing.PledgeOptions pledge)
    {
        UnconfirmedExpiryDays = pledge.UnconfirmedExpiryDays;
        RequireEmailConfirmation = pledge.RequireEmailConfirmation;
    }

    /// <summary>"30 days", "1 day".</summary>
    public static string Days(int days) => days == 1 ? "1 day" : $"{days.ToString("N0", CultureInfo.GetCultureInfo("en-GB"))} days";

    /// <summary>"Wednesday 30 June 2027".</summary>
    public static string Date(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
}
