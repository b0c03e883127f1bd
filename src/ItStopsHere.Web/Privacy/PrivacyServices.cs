using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItStopsHere.Web.Privacy;

public static class PrivacyServices
{
    /// <summary>The retention numbers (<see cref="PrivacyOptions"/>) and the jobs' runner and schedule.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PrivacyOptions>()
            .Bind(configuration.GetSection(PrivacyOptions.Section))
            .Configure(options => options.ReadSharedKeys(configuration))
            .Validate(o => o.IpHashRetentionDays >= 1, "Privacy:IpHashRetentionDays must be at least 1.")
            .Validate(o => o.SignerEmailRetentionAfterCampaignCloseDays >= 0, "Privacy:SignerEmailRetentionAfterCampaignCloseDays must not be negative.")
            .Validate(o => o.SentEmailRetentionDays >= 1, "Privacy:SentEmailRetentionDays must be at least 1.")
            .Validate(o => o.FailedEmailRetentionDays >= 1, "Privacy:FailedEmailRetentionDays must be at least 1.")
            .Validate(o => o.ServerLogRetentionDays >= 1, "Privacy:ServerLogRetentionDays must be at least 1.")
            .Validate(o => o.UnconfirmedExpiryDays >= 1, "Pledge:UnconfirmedExpiryDays must be at least 1.")
            .ValidateOnStart();

        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.Section))
            .Validate(o => o.Interval >= TimeSpan.FromMinutes(1), "Retention:Interval must be at least a minute.")
            .Validate(o => o.FirstRunDelay >= TimeSpan.Zero, "Retention:FirstRunDelay must not be negative.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RetentionRunner>();
        services.AddHostedService<RetentionService>();
        return services;
    }
}
