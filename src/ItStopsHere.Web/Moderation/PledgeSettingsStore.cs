using System.Globalization;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Signing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Moderation;

/// <summary>
/// Holds the current <see cref="ModerationSettings"/> in memory: configuration overlaid with what Admins
/// saved in the database. Read on every signing, so it is loaded once and replaced on save, never queried.
/// </summary>
public sealed class PledgeSettingsStore(
    IServiceScopeFactory scopes, IOptions<PledgeOptions> pledge, IOptions<ModerationOptions> moderation, TimeProvider clock)
{
    public const string ModeKey = "moderation.mode";
    public const string WordsKey = "moderation.held-words";
    public const string BurstLimitKey = "moderation.burst-limit";
    public const string BurstMinutesKey = "moderation.burst-minutes";
    public const string GoalKey = "pledge.goal";

    private readonly Lock _gate = new();
    private volatile ModerationSettings? _current;

    /// <summary>Raised after a save, with the new settings (e.g. so the live counter shows a new goal).</summary>
    public event Action<ModerationSettings>? Changed;

    public ModerationSettings Current => _current ?? Load();

    public ModerationSettings Defaults => new(
        pledge.Value.HoldNewSignatures,
        NormaliseWords(moderation.Value.HeldWords),
        moderation.Value.BurstLimit,
        moderation.Value.BurstMinutes,
        pledge.Value.Goal);

    /// <summary>Saves <paramref name="settings"/> and its audit entry in one transaction, then uses them at once.</summary>
    public async Task SaveAsync(ModerationSettings settings, AuditLog audit, AppDbContext db, CancellationToken cancellationToken = default)
    {
        var old = Current;
        settings = settings with { HeldWords = NormaliseWords(settings.HeldWords) };
        var changes = old.Describe().Zip(settings.Describe())
            .Where(pair => pair.First.Value != pair.Second.Value)
            .Select(pair => $"{pair.First.Field}: {pair.First.Value} → {pair.Second.Value}")
            .ToList();
        if (changes.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var values = new Dictionary<string, string>
        {
            [ModeKey] = settings.PreModeration ? "pre" : "post",
            [WordsKey] = string.Join('\n', settings.HeldWords),
            [BurstLimitKey] = settings.BurstLimit.ToString(CultureInfo.InvariantCulture),
            [BurstMinutesKey] = settings.BurstMinutes.ToString(CultureInfo.InvariantCulture),
            [GoalKey] = settings.Goal.ToString(CultureInfo.InvariantCulture),
        };
        var stored = await db.Set<PledgeSetting>().ToDictionaryAsync(s => s.Key, cancellationToken);
        foreach (var (key, value) in values)
        {
            if (stored.TryGetValue(key, out var row))
            {
                row.Value = value;
                row.UpdatedAt = now;
            }
            else
            {
                db.Set<PledgeSetting>().Add(new PledgeSetting { Key = key, Value = value, UpdatedAt = now });
            }
        }

        await audit.RecordAsync(AuditActions.PledgeSettingsChanged, "PledgeSettings", null, string.Join("; ", changes), cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        lock (_gate)
        {
            _current = settings;
        }

        Changed?.Invoke(settings);
    }

    /// <summary>Words one per line (or comma-separated), trimmed, without blanks or repeats, in a stable order.</summary>
    public static IReadOnlyList<string> NormaliseWords(IEnumerable<string> words) => words
        .SelectMany(w => w.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        .Select(w => UnicodeText.NormalizeOrKeep(w))
        .Where(w => w.Length > 0)
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .OrderBy(w => w, StringComparer.OrdinalIgnoreCase)
        .ToList();

    private ModerationSettings Load()
    {
        lock (_gate)
        {
            if (_current is { } loaded)
            {
                return loaded;
            }

            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var stored = db.Set<PledgeSetting>().AsNoTracking().ToDictionary(s => s.Key, s => s.Value);
            var defaults = Defaults;
            var settings = new ModerationSettings(
                stored.TryGetValue(ModeKey, out var mode) ? mode == "pre" : defaults.PreModeration,
                stored.TryGetValue(WordsKey, out var words) ? NormaliseWords([words]) : defaults.HeldWords,
                Int(BurstLimitKey, defaults.BurstLimit),
                Int(BurstMinutesKey, defaults.BurstMinutes),
                Int(GoalKey, defaults.Goal));
            _current = settings;
            return settings;

            int Int(string key, int fallback) =>
                stored.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                    ? value
                    : fallback;
        }
    }
}
