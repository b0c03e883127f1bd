using System.Globalization;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ItStopsHere.Web.Content;

/// <summary>The editable settings, and how each maps onto <see cref="CampaignOptions"/>.</summary>
public static class CampaignSettingFields
{
    public const string ReportUrl = "Campaign:ReportUrl";
    public const string AdviserEmail = "Campaign:AdviserEmail";
    public const string TrainingEmail = "Campaign:TrainingEmail";
    public const string ContactEmail = "Campaign:ContactEmail";
    public const string QuickExitUrl = "Campaign:QuickExitUrl";

    /// <summary>The impact page shows (at least) this many statistics; the settings page offers this many.</summary>
    public const int StatisticSlots = 4;

    /// <summary>A stored statistic beyond this index is ignored: a guard against a runaway list.</summary>
    public const int MaxStatistics = 12;

    public static readonly IReadOnlyList<CampaignSettingField> Contact =
    [
        new(ReportUrl, "University reporting tool (web address)", CampaignSettingKind.WebAddress, Required: false, MaxLength: 2000,
            o => o.ReportUrl, (o, v) => o.ReportUrl = v)
        {
            Hint = "The university's online tool for reporting harassment, linked from the help, take action and contact pages. Leave it empty to show no reporting link.",
        },
        new(AdviserEmail, "Harassment advisers' email address", CampaignSettingKind.EmailAddress, Required: false, MaxLength: 254,
            o => o.AdviserEmail, (o, v) => o.AdviserEmail = v)
        {
            Hint = "Shown on the help and take action pages. Leave it empty to leave it out.",
        },
        new(TrainingEmail, "Staff training email address", CampaignSettingKind.EmailAddress, Required: false, MaxLength: 254,
            o => o.TrainingEmail, (o, v) => o.TrainingEmail = v)
        {
            Hint = "Where staff arrange frontline training, on the take action page. When it is empty, the campaign team's address is shown there.",
        },
        new(ContactEmail, "Campaign team's email address", CampaignSettingKind.EmailAddress, Required: true, MaxLength: 254,
            o => o.ContactEmail, (o, v) => o.ContactEmail = v)
        {
            Hint = "Shown on the contact, privacy and accessibility pages and in the site's emails, which also take replies at it (unless the server's email settings name another address).",
        },
        new(QuickExitUrl, "Quick exit (web address)", CampaignSettingKind.SecureWebAddress, Required: true, MaxLength: 2000,
            o => o.QuickExitUrl, (o, v) => o.QuickExitUrl = v)
        {
            Hint = "Where the Quick exit button sends people in a hurry: an everyday page that gives nothing away, such as a weather forecast. It must start with https://.",
        },
    ];

    public static string StatisticKey(int index, string part) =>
        string.Create(CultureInfo.InvariantCulture, $"Campaign:Statistics:{index}:{part}");

    /// <summary>The figure, statement and source of statistic <paramref name="index"/> (0-based).</summary>
    public static IReadOnlyList<CampaignSettingField> Statistic(int index)
    {
        var group = string.Create(CultureInfo.InvariantCulture, $"Statistic {index + 1}");
        return
        [
            new(StatisticKey(index, "Figure"), "Figure", CampaignSettingKind.Text, Required: true, MaxLength: 20,
                o => StatisticAt(o, index)?.Figure, (o, v) => EnsureStatistic(o, index).Figure = v)
            {
                Group = group,
                Hint = "Shown large, for example 49%.",
            },
            new(StatisticKey(index, "Statement"), "What it says", CampaignSettingKind.Text, Required: true, MaxLength: 300,
                o => StatisticAt(o, index)?.Statement, (o, v) => EnsureStatistic(o, index).Statement = v)
            {
                Group = group,
                Hint = "The rest of the sentence the figure begins, for example: of students have heard rape jokes on campus.",
            },
            new(StatisticKey(index, "Source"), "Source", CampaignSettingKind.Text, Required: true, MaxLength: 500,
                o => StatisticAt(o, index)?.Source, (o, v) => EnsureStatistic(o, index).Source = v)
            {
                Group = group,
                Hint = "Who found it, and when. Use only figures with a source you can name.",
            },
        ];
    }

    /// <summary>The key that names statistic <paramref name="index"/> as a whole, for resetting all three parts at once.</summary>
    public static string StatisticGroupKey(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"Campaign:Statistics:{index}");

    /// <summary>The statistics offered for editing: the four the impact page is built for, or more if configured.</summary>
    public static int StatisticCount(CampaignOptions defaults) =>
        Math.Clamp(defaults.Statistics.Count, StatisticSlots, MaxStatistics);

    /// <summary>
    /// Every field the settings page offers: the links and addresses. The impact figures were settings
    /// until /impact became an editable page (issue 16); they are now edited at <c>/admin/impact-figures</c>
    /// as part of the page's versions. <see cref="Find"/> still reads saved statistic overrides, so the
    /// page's first version shows the figures exactly as the site showed them.
    /// </summary>
    public static IEnumerable<CampaignSettingField> All(int statisticCount) =>
        statisticCount < 0 ? throw new ArgumentOutOfRangeException(nameof(statisticCount)) : Contact;

    public static CampaignSettingField? Find(string key)
    {
        var contact = Contact.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase));
        if (contact is not null)
        {
            return contact;
        }

        var parts = key.Split(':');
        return parts is ["Campaign", "Statistics", var index, var part]
            && int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < MaxStatistics
                ? Statistic(i).FirstOrDefault(f => string.Equals(f.Key, StatisticKey(i, part), StringComparison.OrdinalIgnoreCase))
                : null;
    }

    private static CampaignStatistic? StatisticAt(CampaignOptions options, int index) =>
        index < options.Statistics.Count ? options.Statistics[index] : null;

    private static CampaignStatistic EnsureStatistic(CampaignOptions options, int index)
    {
        while (options.Statistics.Count <= index)
        {
            options.Statistics.Add(new CampaignStatistic());
        }

        return options.Statistics[index];
    }
}
