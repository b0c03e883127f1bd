using ItStopsHere.Web.Content;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Signing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Pages.Pledge;

/// <summary>
/// After signing: the signer's number (from the signed receipt in the address), ways to share the
/// pledge as plain links (no third-party script), and next steps for the actions they chose.
/// </summary>
public class ThankYouModel(SignatureReceipts receipts, PledgeFeed feed, IOptions<CampaignOptions> campaign, IOptions<PledgeOptions> pledge) : PageModel
{
    public const string ShareText = "I've signed the It Stops Here pledge against sexual harassment. Will you join me?";

    public SignatureReceipt Receipt { get; private set; } = null!;

    public long Count => feed.Current.Total;

    public CampaignOptions Campaign => campaign.Value;

    public int UnconfirmedExpiryDays => pledge.Value.UnconfirmedExpiryDays;

    /// <summary>Where shared links point: the pledge itself, so the card and the call to action are the pledge's.</summary>
    public string PledgeUrl => Campaign.SiteUrl.TrimEnd('/') + "/pledge";

    public IReadOnlyList<(string Label, string Href)> ShareLinks
    {
        get
        {
            var url = Uri.EscapeDataString(PledgeUrl);
            var text = Uri.EscapeDataString(ShareText);
            return
            [
                ("WhatsApp", $"https://wa.me/?text={Uri.EscapeDataString(ShareText + " " + PledgeUrl)}"),
                ("Facebook", $"https://www.facebook.com/sharer/sharer.php?u={url}"),
                ("X (Twitter)", $"https://x.com/intent/tweet?text={text}&url={url}"),
                ("LinkedIn", $"https://www.linkedin.com/sharing/share-offsite/?url={url}"),
                ("Email", $"mailto:?subject={Uri.EscapeDataString("Sign the " + Campaign.Name + " pledge")}&body={Uri.EscapeDataString(ShareText + "\n\n" + PledgeUrl)}"),
            ];
        }
    }

    public IActionResult OnGet(string? r)
    {
        var receipt = receipts.Read(r);
        if (receipt is null)
        {
            // No (or an expired) receipt: nothing to thank anyone for, so back to the pledge.
            return Redirect("/pledge");
        }

        Receipt = receipt;
        return Page();
    }
}
