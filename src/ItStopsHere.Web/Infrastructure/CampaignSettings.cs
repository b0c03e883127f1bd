using System.Globalization;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ItStopsHere.Web.Infrastructure;

/// <summary>What an Admin may type into a campaign setting.</summary>
public enum CampaignSettingKind
{
    /// <summary>An absolute http or https address.</summary>
    WebAddress,

    /// <summary>An absolute https address.</summary>
    SecureWebAddress,

    EmailAddress,

    Text,
}

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

    /// <summary>Every editable field, for defaults with <paramref name="statisticCount"/> statistics.</summary>
    public static IEnumerable<CampaignSettingField> All(int statisticCount) =>
        Contact.Concat(Enumerable.Range(0, statisticCount).SelectMany(Statistic));

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

/// <summary>
/// The settings Admins have changed, held in memory: loaded from the database at start-up and again
/// straight after each save, so page views never query it. Saving signals a change, and
/// <see cref="IOptionsMonitor{TOptions}"/> then rebuilds <see cref="CampaignOptions"/> (configuration
/// plus these overrides) for the next request.
/// <para>Each running instance holds its own copy: with more than one instance on the same database,
/// the others see a change when they restart. The site runs as one instance on one SQLite file.</para>
/// </summary>
public sealed class CampaignSettingsStore : IOptionsChangeTokenSource<CampaignOptions>
{
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private readonly Lock _tokenLock = new();
    private IReadOnlyDictionary<string, string> _overrides = new Dictionary<string, string>();
    private CancellationTokenSource _changed = new();

    public string? Name => Options.DefaultName;

    /// <summary>The stored overrides by configuration key. Replaced whole, never changed in place.</summary>
    public IReadOnlyDictionary<string, string> Overrides => Volatile.Read(ref _overrides);

    public IChangeToken GetChangeToken()
    {
        lock (_tokenLock)
        {
            return new CancellationChangeToken(_changed.Token);
        }
    }

    /// <summary>Reads every stored setting and makes the next request use them.</summary>
    public async Task ReloadAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // One reload at a time, so a slower, older read can never replace a newer one.
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            var rows = await db.CampaignSettings.AsNoTracking().ToListAsync(cancellationToken);
            Volatile.Write(ref _overrides, rows.ToDictionary(r => r.Key, r => r.Value, StringComparer.OrdinalIgnoreCase));
        }
        finally
        {
            _reloading.Release();
        }

        CancellationTokenSource fired;
        lock (_tokenLock)
        {
            fired = _changed;
            _changed = new CancellationTokenSource();
        }

        // Not disposed: a listener may still be registering on its token.
        await fired.CancelAsync();
    }

    /// <summary>Applies the stored overrides to options bound from configuration.</summary>
    public void ApplyTo(CampaignOptions options) => Apply(options, Overrides);

    /// <summary>Applies <paramref name="overrides"/> (by configuration key) to <paramref name="options"/>; unknown keys are ignored.</summary>
    public static void Apply(CampaignOptions options, IReadOnlyDictionary<string, string> overrides)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(overrides);
        foreach (var (key, value) in overrides)
        {
            CampaignSettingFields.Find(key)?.Write(options, value);
        }

        // A statistic cleared on purpose (all three parts empty) is not shown.
        options.Statistics.RemoveAll(s => string.IsNullOrWhiteSpace(s.Figure) && string.IsNullOrWhiteSpace(s.Statement));
    }

    /// <summary>The options as configured, before any Admin's change: what "reset to default" goes back to.</summary>
    public static CampaignOptions Defaults(IConfiguration configuration) =>
        configuration.GetSection(CampaignOptions.Section).Get<CampaignOptions>() ?? new CampaignOptions();
}

/// <summary>Puts the stored settings on top of the configured <see cref="CampaignOptions"/>.</summary>
public sealed class ApplyCampaignSettings(CampaignSettingsStore store) : IPostConfigureOptions<CampaignOptions>
{
    public void PostConfigure(string? name, CampaignOptions options) => store.ApplyTo(options);
}

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

public static class CampaignSettingsServices
{
    /// <summary>Campaign options = configuration + the settings Admins saved, kept current (see <see cref="CampaignSettingsStore"/>).</summary>
    public static IServiceCollection AddCampaignSettings(this IServiceCollection services)
    {
        services.AddSingleton<CampaignSettingsStore>();
        services.AddSingleton<IOptionsChangeTokenSource<CampaignOptions>>(provider => provider.GetRequiredService<CampaignSettingsStore>());
        services.AddSingleton<IPostConfigureOptions<CampaignOptions>, ApplyCampaignSettings>();
        services.AddSingleton<IOptions<CampaignOptions>, CurrentCampaignOptions>();
        return services;
    }

    /// <summary>Loads the saved settings; call once the database is migrated, before serving.</summary>
    public static async Task LoadCampaignSettingsAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await scope.ServiceProvider.GetRequiredService<CampaignSettingsStore>().ReloadAsync(db, cancellationToken);
    }
}
