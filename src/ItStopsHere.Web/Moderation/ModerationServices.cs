using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Signing;

namespace ItStopsHere.Web.Moderation;

public static class ModerationServices
{
    /// <summary>
    /// Moderation: the screening of each new signature (the pledge's <see cref="ISignatureScreening"/>: the
    /// auto-hold rules), the settings Admins save, moderators' actions and offline pledges.
    /// </summary>
    public static IServiceCollection AddModeration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModerationOptions>()
            .Bind(configuration.GetSection(ModerationOptions.Section))
            .ValidateRange("Pledge:Moderation:BurstLimit", o => o.BurstLimit, 1, 1_000_000_000)
            .ValidateRange("Pledge:Moderation:BurstMinutes", o => o.BurstMinutes, 1, 24 * 60)
            .ValidateOnStart();
        services.AddSingleton<PledgeSettingsStore>();
        services.AddSingleton<ModerationScreening>();
        services.AddSingleton<ISignatureScreening>(sp => sp.GetRequiredService<ModerationScreening>());
        services.AddSingleton<SignatureModeration>();
        services.AddSingleton<OfflinePledges>();
        services.AddScoped<ModerationDashboard>();
        services.AddHostedService<PledgeGoalFollower>();
        return services;
    }
}

/// <summary>Gives the live hub the goal saved by Admins at start-up, and each new one as it is saved.</summary>
internal sealed class PledgeGoalFollower(PledgeSettingsStore settings, PledgeLiveHub hub) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        hub.SetGoal(settings.Current.Goal);
        settings.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        settings.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(ModerationSettings changed) => hub.SetGoal(changed.Goal);
}
