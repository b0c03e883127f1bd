using System.Globalization;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ItStopsHere.Web.Content;

/// <summary>Puts the stored settings on top of the configured <see cref="CampaignOptions"/>.</summary>
public sealed class ApplyCampaignSettings(CampaignSettingsStore store) : IPostConfigureOptions<CampaignOptions>
{
    public void PostConfigure(string? name, CampaignOptions options) => store.ApplyTo(options);
}
