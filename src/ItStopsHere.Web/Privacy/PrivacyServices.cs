using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Signing;

namespace ItStopsHere.Web.Privacy;

public static class PrivacyServices
{
    /// <summary>
    /// The retention numbers (<see cref="PrivacyOptions"/>), the jobs that delete what signing stores, and
    /// the runner and schedule of every retention job (other features add theirs with <see cref="AddRetentionJob{TJob}"/>).
    /// </summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PrivacyOptions>()
            .Bind(configuration.GetSection(PrivacyOptions.Section))
            .Configure(options => options.ReadClosingDate(configuration))
            // From the Pledge section as configured (its defaults are PledgeOptions' own), not through
            // IOptions<PledgeOptions>: a bad pledge value must not hide this section's own problems.
            .Configure(options => options.CopyFrom(configuration.GetSection(PledgeOptions.Section).Get<PledgeOptions>() ?? new PledgeOptions()))
            .Validate(o => o.ClosesOnIsDate, "Campaign:ClosesOn must be a date written yyyy-MM-dd, for example 2027-06-30.")
            .ValidateRange("Privacy:IpHashRetentionDays", o => o.IpHashRetentionDays, 1, 3650)
            .ValidateRange("Privacy:SignerEmailRetentionAfterCampaignCloseDays", o => o.SignerEmailRetentionAfterCampaignCloseDays, 0, 3650)
            .ValidateRange("Privacy:SentEmailRetentionDays", o => o.SentEmailRetentionDays, 1, 3650)
            .ValidateRange("Privacy:FailedEmailRetentionDays", o => o.FailedEmailRetentionDays, 1, 3650)
            .ValidateRange("Privacy:ServerLogRetentionDays", o => o.ServerLogRetentionDays, 1, 3650)
            .ValidateOnStart();

        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.Section))
            .ValidateRange("Retention:Interval", o => o.Interval, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7))
            .ValidateRange("Retention:FirstRunDelay", o => o.FirstRunDelay, TimeSpan.Zero, TimeSpan.FromDays(1))
            .ValidateOnStart();

        services.AddSingleton<RetentionRunner>();
        services.AddHostedService<RetentionService>();
        services.AddRetentionJob<IpHashRetentionJob>();
        services.AddRetentionJob<SignerEmailRetentionJob>();
        services.AddRetentionJob<UnconfirmedSignatureRetentionJob>();
        return services;
    }

    /// <summary>Adds a retention job, run daily and by <c>retention run</c>.</summary>
    public static IServiceCollection AddRetentionJob<TJob>(this IServiceCollection services)
        where TJob : class, IRetentionJob
    {
        services.AddScoped<TJob>();
        services.AddSingleton(new RetentionJobRegistration(typeof(TJob)));
        return services;
    }

    /// <summary>Runs every retention job now: the entry point for the CLI's <c>retention run</c>.</summary>
    public static Task<RetentionReport> RunRetentionJobsAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<RetentionRunner>().RunAllAsync(cancellationToken);
}
