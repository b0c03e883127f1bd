using ItStopsHere.Web.Content;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Privacy;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Pages;

/// <summary>
/// The privacy notice. Every period it states comes from <see cref="PrivacyOptions"/>, the same values
/// the retention jobs delete by, so the notice cannot promise one thing while the site does another.
/// </summary>
public sealed class PrivacyModel(IOptions<CampaignOptions> campaign, IOptions<PrivacyOptions> privacy, IOptions<ItStopsHere.Web.Signing.PledgeOptions> pledge, IOptions<ItStopsHere.Web.Reporting.ReportingOptions> reporting) : PageModel
{
    /// <summary>Reporting (issue 15), whose retention the notice states from the same numbers the retention run uses.</summary>
    public ItStopsHere.Web.Reporting.ReportingOptions Reporting { get; } = reporting.Value;

    /// <summary>The cap on "you have already signed" emails, from the same setting the sender obeys.</summary>
    public int RepeatEmailsPerDay { get; } = pledge.Value.RepeatEmailsPerDay;

    public CampaignOptions Campaign { get; } = campaign.Value;

    public PrivacyOptions Retention { get; } = privacy.Value;

    public string IpHashKept => PrivacyOptions.Days(Retention.IpHashRetentionDays);

    public string SentEmailKept => PrivacyOptions.Days(Retention.SentEmailRetentionDays);

    public string FailedEmailKept => PrivacyOptions.Days(Retention.FailedEmailRetentionDays);

    public string ServerLogsKept => PrivacyOptions.Days(Retention.ServerLogRetentionDays);

    public string UnconfirmedKept => PrivacyOptions.Days(Retention.UnconfirmedExpiryDays);

    /// <summary>"30 days after the campaign closes (on Friday 30 July 2027)", or without the date while there is none.</summary>
    public string SignerEmailKept
    {
        get
        {
            var period = $"{PrivacyOptions.Days(Retention.SignerEmailRetentionAfterCampaignCloseDays)} after the campaign closes";
            return Retention.SignerEmailDeletionDate is { } date
                ? $"{period}, that is on {PrivacyOptions.Date(date)}"
                : $"{period} (the campaign has no closing date yet; this notice will give the date once it has)";
        }
    }

    public string? ClosesOn => Retention.CampaignClosesOn is { } date ? PrivacyOptions.Date(date) : null;

    public void OnGet()
    {
    }
}
