using FluentValidation;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Email;
using ItStopsHere.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Content;

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
        catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
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
