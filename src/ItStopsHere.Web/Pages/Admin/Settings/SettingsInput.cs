using FluentValidation;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Email;
using ItStopsHere.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Admin.Settings;

/// <summary>The settings form: each value as it stands (the saved one, or else the configured default).</summary>
public class SettingsInput
{
    public string? ReportUrl { get; set; }

    public string? AdviserEmail { get; set; }

    public string? TrainingEmail { get; set; }

    public string? ContactEmail { get; set; }

    public string? QuickExitUrl { get; set; }

    /// <summary>The form's name for a setting (<c>ReportUrl</c>), the key its errors have. (The impact figures are edited with their page, at /admin/impact-figures.)</summary>
    public static string PropertyFor(string key) => key switch
    {
        CampaignSettingFields.ReportUrl => nameof(ReportUrl),
        CampaignSettingFields.AdviserEmail => nameof(AdviserEmail),
        CampaignSettingFields.TrainingEmail => nameof(TrainingEmail),
        CampaignSettingFields.ContactEmail => nameof(ContactEmail),
        CampaignSettingFields.QuickExitUrl => nameof(QuickExitUrl),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not an editable campaign setting."),
    };

    /// <summary>Every setting's value in the form, by configuration key, trimmed ("" for empty).</summary>
    public Dictionary<string, string> Values() =>
        new(StringComparer.OrdinalIgnoreCase)
        {
            [CampaignSettingFields.ReportUrl] = Clean(ReportUrl),
            [CampaignSettingFields.AdviserEmail] = Clean(AdviserEmail),
            [CampaignSettingFields.TrainingEmail] = Clean(TrainingEmail),
            [CampaignSettingFields.ContactEmail] = Clean(ContactEmail),
            [CampaignSettingFields.QuickExitUrl] = Clean(QuickExitUrl),
        };

    public static SettingsInput From(Func<string, string> value) => new()
    {
        ReportUrl = value(CampaignSettingFields.ReportUrl),
        AdviserEmail = value(CampaignSettingFields.AdviserEmail),
        TrainingEmail = value(CampaignSettingFields.TrainingEmail),
        ContactEmail = value(CampaignSettingFields.ContactEmail),
        QuickExitUrl = value(CampaignSettingFields.QuickExitUrl),
    };

    private static string Clean(string? value) => value?.Trim() ?? "";
}
