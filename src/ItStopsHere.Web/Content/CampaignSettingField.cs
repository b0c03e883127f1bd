using System.Globalization;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ItStopsHere.Web.Content;

/// <summary>
/// One value of <see cref="CampaignOptions"/> that Admins may change at <c>/admin/settings</c>, named by
/// its configuration key so that the stored override and the configured default are the same thing.
/// </summary>
public sealed record CampaignSettingField(
    string Key, string Label, CampaignSettingKind Kind, bool Required, int MaxLength,
    Func<CampaignOptions, string?> Read, Action<CampaignOptions, string> Write)
{
    /// <summary>The group it belongs to, e.g. "Statistic 2"; null for a setting on its own.</summary>
    public string? Group { get; init; }

    /// <summary>What it is for and where it shows, for the settings page.</summary>
    public string? Hint { get; init; }

    /// <summary>"Statistic 2: Figure", or the label alone: how the audit log names it.</summary>
    public string FullLabel => Group is null ? Label : $"{Group}: {Label}";
}
