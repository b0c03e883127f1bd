using ItStopsHere.Web.Signing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItStopsHere.Web.Moderation;

public static class ModerationSetup
{
    /// <summary>Moderation: the auto-hold rules (replacing the pledge's default screening), settings, actions and offline pledges.</summary>
    public static IServiceCollection AddModeration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModerationOptions>().Bind(configuration.GetSection(ModerationOptions.Section));
        services.AddSingleton<PledgeSettingsStore>();
        services.AddSingleton<ModerationScreening>();
        services.Replace(ServiceDescriptor.Singleton<ISignatureScreening>(sp => sp.GetRequiredService<ModerationScreening>()));
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
