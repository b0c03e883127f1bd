using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Pages.Policies;

/// <summary>The institution's harassment and sexual-misconduct policies and procedures, each at <c>/policies/{policy}</c>.</summary>
[OutputCache(PolicyName = PageCaching.PublicPage)]
public class IndexModel(ContentPageDirectory directory, IOptions<CampaignOptions> campaign) : PageModel
{
    public IReadOnlyList<ContentVersion> Policies { get; private set; } = [];

    /// <summary>The university's own policy page (<c>Campaign:PoliciesUrl</c>), when there is one.</summary>
    public string? UniversityPoliciesUrl { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Policies = await directory.CurrentPoliciesAsync(cancellationToken);
        UniversityPoliciesUrl = string.IsNullOrWhiteSpace(campaign.Value.PoliciesUrl) ? null : campaign.Value.PoliciesUrl;
    }
}
