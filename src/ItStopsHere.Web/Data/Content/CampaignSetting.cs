using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItStopsHere.Web.Data.Content;

/// <summary>
/// A campaign setting an Admin changed at <c>/admin/settings</c>, overriding the configured default.
/// Only changed values are stored: a setting with no row here follows the configuration. Read through
/// <c>CampaignSettingsStore</c>, never per request.
/// </summary>
public class CampaignSetting
{
    /// <summary>The configuration key it overrides, e.g. <c>Campaign:ReportUrl</c> or <c>Campaign:Statistics:0:Figure</c>.</summary>
    public string Key { get; set; } = "";

    /// <summary>The value to use instead of the default. May be empty: an optional link or address hidden on purpose.</summary>
    public string Value { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who last changed it, as the audit log names them.</summary>
    public string UpdatedBy { get; set; } = "";
}
