using System.Globalization;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ItStopsHere.Web.Content;

/// <summary>
/// <see cref="IOptions{TOptions}"/> of <see cref="CampaignOptions"/> that always gives the current
/// value. The framework's own is computed once and kept for the app's lifetime, which would leave every
/// page that injects <c>IOptions&lt;CampaignOptions&gt;</c> showing the old value after an Admin saves a
/// setting. This keeps those pages (and any added later) right without each having to know.
/// Read <see cref="Value"/> when it is needed; a singleton that keeps a copy will not see changes.
/// </summary>
public sealed class CurrentCampaignOptions(IOptionsMonitor<CampaignOptions> monitor) : IOptions<CampaignOptions>
{
    public CampaignOptions Value => monitor.CurrentValue;
}
