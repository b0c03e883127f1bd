using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Privacy;

public static class RetentionServices
{
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
