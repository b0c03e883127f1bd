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

    public List<StatisticInput> Statistics { get; set; } = [];

    /// <summary>The form's name for a setting (<c>ReportUrl</c>, <c>Statistics[1].Figure</c>), the key its errors have.</summary>
    public static string PropertyFor(string key) => key switch
    {
        CampaignSettingFields.ReportUrl => nameof(ReportUrl),
        CampaignSettingFields.AdviserEmail => nameof(AdviserEmail),
        CampaignSettingFields.TrainingEmail => nameof(TrainingEmail),
        CampaignSettingFields.ContactEmail => nameof(ContactEmail),
        CampaignSettingFields.QuickExitUrl => nameof(QuickExitUrl),
        _ when key.Split(':') is ["Campaign", "Statistics", var index, var part] => $"Statistics[{index}].{part}",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not an editable campaign setting."),
    };

    /// <summary>Every setting's value in the form, by configuration key, trimmed ("" for empty).</summary>
    public Dictionary<string, string> Values(int statisticCount)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [CampaignSettingFields.ReportUrl] = Clean(ReportUrl),
            [CampaignSettingFields.AdviserEmail] = Clean(AdviserEmail),
            [CampaignSettingFields.TrainingEmail] = Clean(TrainingEmail),
            [CampaignSettingFields.ContactEmail] = Clean(ContactEmail),
            [CampaignSettingFields.QuickExitUrl] = Clean(QuickExitUrl),
        };
        for (var i = 0; i < statisticCount; i++)
        {
            var statistic = i < Statistics.Count ? Statistics[i] : new StatisticInput();
            values[CampaignSettingFields.StatisticKey(i, "Figure")] = Clean(statistic.Figure);
            values[CampaignSettingFields.StatisticKey(i, "Statement")] = Clean(statistic.Statement);
            values[CampaignSettingFields.StatisticKey(i, "Source")] = Clean(statistic.Source);
        }

        return values;
    }

    public static SettingsInput From(Func<string, string> value, int statisticCount) => new()
    {
        ReportUrl = value(CampaignSettingFields.ReportUrl),
        AdviserEmail = value(CampaignSettingFields.AdviserEmail),
        TrainingEmail = value(CampaignSettingFields.TrainingEmail),
        ContactEmail = value(CampaignSettingFields.ContactEmail),
        QuickExitUrl = value(CampaignSettingFields.QuickExitUrl),
        Statistics = Enumerable.Range(0, statisticCount).Select(i => new StatisticInput
        {
            Figure = value(CampaignSettingFields.StatisticKey(i, "Figure")),
            Statement = value(CampaignSettingFields.StatisticKey(i, "Statement")),
            Source = value(CampaignSettingFields.StatisticKey(i, "Source")),
        }).ToList(),
    };

    private static string Clean(string? value) => value?.Trim() ?? "";
}
