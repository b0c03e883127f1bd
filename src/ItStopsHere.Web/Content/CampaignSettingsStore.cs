using System.Globalization;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ItStopsHere.Web.Content;

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
