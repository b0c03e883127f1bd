using FluentValidation;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Email;
using ItStopsHere.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Admin.Settings;

/// <summary>One impact statistic as the form holds it.</summary>
public class StatisticInput
{
    public string? Figure { get; set; }

    public string? Statement { get; set; }

    public string? Source { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Figure) && string.IsNullOrWhiteSpace(Statement) && string.IsNullOrWhiteSpace(Source);
}

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

public class SettingsInputValidator : AbstractValidator<SettingsInput>
{
    public SettingsInputValidator()
    {
        RuleFor(i => i.ReportUrl)
            .Cascade(CascadeMode.Stop)
            .MaximumLength(2000).WithMessage("The reporting tool's address must be 2,000 characters or fewer")
            .Must(url => WebAddress.IsHttp(url!.Trim())).WithMessage("Enter the reporting tool's full web address, starting with https://, or leave it empty")
            .When(i => !string.IsNullOrWhiteSpace(i.ReportUrl));
        RuleFor(i => i.AdviserEmail)
            .Must(EmailAddresses.IsValid).WithMessage("Enter the harassment advisers' email address in the right format, like advice@example.ac.uk, or leave it empty")
            .When(i => !string.IsNullOrWhiteSpace(i.AdviserEmail));
        RuleFor(i => i.TrainingEmail)
            .Must(EmailAddresses.IsValid).WithMessage("Enter the staff training email address in the right format, like training@example.ac.uk, or leave it empty")
            .When(i => !string.IsNullOrWhiteSpace(i.TrainingEmail));
        RuleFor(i => i.ContactEmail)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the campaign team's email address")
            .Must(EmailAddresses.IsValid).WithMessage("Enter the campaign team's email address in the right format, like itstopshere@example.ac.uk");
        RuleFor(i => i.QuickExitUrl)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the quick exit's web address")
            .MaximumLength(2000).WithMessage("The quick exit's address must be 2,000 characters or fewer")
            .Must(BeAbsoluteHttps).WithMessage("Enter the quick exit's full web address, starting with https://, like https://www.bbc.co.uk/weather");
        RuleForEach(i => i.Statistics).ChildRules(statistic =>
        {
            // A statistic left completely empty is left out of the impact page; otherwise it needs all three parts.
            statistic.RuleFor(s => s.Figure)
                .NotEmpty().WithMessage("Enter the figure, like 49%, or empty all three boxes to leave this statistic out")
                .MaximumLength(20).WithMessage("The figure must be 20 characters or fewer")
                .When(s => !s.IsEmpty);
            statistic.RuleFor(s => s.Statement)
                .NotEmpty().WithMessage("Enter what the figure says, or empty all three boxes to leave this statistic out")
                .MaximumLength(300).WithMessage("What the figure says must be 300 characters or fewer")
                .When(s => !s.IsEmpty);
            statistic.RuleFor(s => s.Source)
                .NotEmpty().WithMessage("Enter the figure's source, or empty all three boxes to leave this statistic out")
                .MaximumLength(500).WithMessage("The source must be 500 characters or fewer")
                .When(s => !s.IsEmpty);
        });
    }

    private static bool BeAbsoluteHttps(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host);
}

/// <summary>The outcome of saving settings: how many changed, or why nothing was saved.</summary>
public sealed record SettingsSave(int Changed, string? Error = null);

/// <summary>
/// Saves and resets campaign settings. Only values that differ from the configured default are stored,
/// so a later change to the configuration still reaches every setting nobody changed here. Each change
/// is audited with its old and new value (these are public links and addresses, never secrets), saved
/// together with it, and then the in-memory copy is reloaded, so the next request uses it.
/// </summary>
public sealed class CampaignSettingsWriter(
    AppDbContext db, AuditLog audit, CampaignSettingsStore store, IConfiguration configuration, TimeProvider clock,
    ILogger<CampaignSettingsWriter> logger)
{
    public const string RecordType = "Setting";

    public CampaignOptions Defaults() => CampaignSettingsStore.Defaults(configuration);

    public int StatisticCount() => CampaignSettingFields.StatisticCount(Defaults());

    /// <summary>What the setting is now: the saved value, or else the default.</summary>
    public string Current(CampaignSettingField field, CampaignOptions defaults) =>
        store.Overrides.TryGetValue(field.Key, out var saved) ? saved : field.Read(defaults) ?? "";

    public bool IsChanged(string key) => store.Overrides.ContainsKey(key);

    public async Task<SettingsSave> SaveAsync(IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken = default)
    {
        var defaults = Defaults();
        var fields = CampaignSettingFields.All(CampaignSettingFields.StatisticCount(defaults)).ToList();
        var rows = await db.CampaignSettings.ToDictionaryAsync(r => r.Key, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var changed = 0;
        foreach (var field in fields)
        {
            if (!values.TryGetValue(field.Key, out var value))
            {
                continue;
            }

            var fallback = field.Read(defaults) ?? "";
            var current = rows.TryGetValue(field.Key, out var row) ? row.Value : fallback;
            if (value == current)
            {
                continue;
            }

            if (value == fallback)
            {
                // Back to the default: store nothing, so the setting follows the configuration again.
                db.CampaignSettings.Remove(row!);
            }
            else if (row is not null)
            {
                row.Value = value;
                row.UpdatedAt = clock.GetUtcNow();
                row.UpdatedBy = audit.CurrentActor().Name;
            }
            else
            {
                db.CampaignSettings.Add(new CampaignSetting { Key = field.Key, Value = value, UpdatedAt = clock.GetUtcNow(), UpdatedBy = audit.CurrentActor().Name });
            }

            await audit.RecordAsync(AuditActions.SettingChanged, RecordType, field.Key,
                $"{field.FullLabel}: {Quote(current)} → {Quote(value)}{(value == fallback ? " (the default)" : "")}", cancellationToken: cancellationToken);
            changed++;
        }

        if (changed == 0)
        {
            return new SettingsSave(0);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            // Another Admin saved the same setting for the first time at the same moment.
            db.ChangeTracker.Clear();
            await store.ReloadAsync(db, cancellationToken);
            return new SettingsSave(0, "Someone else saved these settings at the same moment. Check the values below and save again.");
        }

        await store.ReloadAsync(db, cancellationToken);
        logger.LogInformation("Campaign settings saved: {ChangedCount} changed", changed);
        return new SettingsSave(changed);
    }

    /// <summary>
    /// Puts one setting (by its key) or one statistic (by <see cref="CampaignSettingFields.StatisticGroupKey"/>)
    /// back to its configured default. Returns what was reset, or null if the key names nothing editable.
    /// </summary>
    public async Task<string?> ResetAsync(string key, CancellationToken cancellationToken = default)
    {
        var defaults = Defaults();
        var fields = CampaignSettingFields.All(CampaignSettingFields.StatisticCount(defaults))
            .Where(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase)
                || f.Key.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase) && key.StartsWith("Campaign:Statistics:", StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (fields.Count == 0)
        {
            return null;
        }

        var keys = fields.Select(f => f.Key).ToList();
        var rows = await db.CampaignSettings.Where(r => keys.Contains(r.Key)).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            var field = fields.Single(f => string.Equals(f.Key, row.Key, StringComparison.OrdinalIgnoreCase));
            await audit.RecordAsync(AuditActions.SettingReset, RecordType, field.Key,
                $"{field.FullLabel}: {Quote(row.Value)} → {Quote(field.Read(defaults) ?? "")} (the default)", cancellationToken: cancellationToken);
            db.CampaignSettings.Remove(row);
        }

        if (rows.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            await store.ReloadAsync(db, cancellationToken);
            logger.LogInformation("Campaign settings reset to default: {ResetCount}", rows.Count);
        }

        return fields[0].Group ?? fields[0].Label;
    }

    private static string Quote(string value) => value.Length == 0 ? "(empty)" : $"“{value}”";
}
