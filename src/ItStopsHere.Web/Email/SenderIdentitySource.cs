using ItStopsHere.Web.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ItStopsHere.Web.Email;

/// <summary>
/// The sender as the settings stand now. Without its own <c>Email</c> addresses, mail comes from and
/// takes replies at the campaign's contact address, which an Admin may change while the app runs.
/// </summary>
public sealed class SenderIdentitySource(IOptions<EmailOptions> email, IOptionsMonitor<CampaignOptions> campaign)
{
    public SenderIdentity Current => SenderIdentity.Create(email.Value, campaign.CurrentValue);
}
