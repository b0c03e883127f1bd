using System.Globalization;
using ItStopsHere.Web.Benchmark;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;

namespace ItStopsHere.Web.Signing;

public static class SigningServices
{
    /// <summary>
    /// Everything the pledge needs: options, the writer, the feed, the live hub, the rate limit, and the
    /// signers' emails and personal links. How a new signature is screened (<see cref="ISignatureScreening"/>)
    /// is Moderation's to say.
    /// </summary>
    public static IServiceCollection AddSigning(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var section = configuration.GetSection(PledgeOptions.Section);
        var maxLive = OpenFileLimit.MaxAllowedLiveConnections;
        services.AddOptions<PledgeOptions>().Bind(section)
            .ValidateRange("Pledge:Goal", o => o.Goal, 1, 1_000_000_000)
            .ValidateRange("Pledge:MinimumFillTime", o => o.MinimumFillTime, TimeSpan.Zero, TimeSpan.FromHours(1))
            .ValidateRange("Pledge:FormLifetime", o => o.FormLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7))
            .ValidateRange("Pledge:FeedSize", o => o.FeedSize, 10, 1000)
            .ValidateRange("Pledge:UnconfirmedExpiryDays", o => o.UnconfirmedExpiryDays, 1, 365)
            .ValidateRange("Pledge:RepeatEmailsPerDay", o => o.RepeatEmailsPerDay, 0, 100)
            .ValidateRange("Pledge:MaxConfirmationResends", o => o.MaxConfirmationResends, 0, 100)
            .ValidateRange("Pledge:RateLimit:Burst", o => o.RateLimit.Burst, 1, 1_000_000_000)
            .ValidateRange("Pledge:RateLimit:PerMinute", o => o.RateLimit.PerMinute, 1, 1_000_000_000)
            .ValidateRange("Pledge:RateLimit:PerHour", o => o.RateLimit.PerHour, 1, 1_000_000_000)
            .ValidateRange("Pledge:Writer:QueueCapacity", o => o.Writer.QueueCapacity, 1, 10_000_000)
            .ValidateRange("Pledge:Writer:MaxBatchSize", o => o.Writer.MaxBatchSize, 1, 100_000)
            .ValidateRange("Pledge:Live:HeartbeatInterval", o => o.Live.HeartbeatInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10))
            .ValidateRange("Pledge:Live:MinBroadcastInterval", o => o.Live.MinBroadcastInterval, TimeSpan.Zero, TimeSpan.FromSeconds(10))
            .ValidateRange("Pledge:Live:ClientBufferSize", o => o.Live.ClientBufferSize, 1, 1_000_000)
            .ValidateRange("Pledge:Live:ReplayBufferSize", o => o.Live.ReplayBufferSize, 1, 1_000_000)
            .ValidateRange("Pledge:Live:MaxSignaturesPerBroadcast", o => o.Live.MaxSignaturesPerBroadcast, 1, 1000)
            .ValidateRange("Pledge:Live:MaxConnectionsPerClient", o => o.Live.MaxConnectionsPerClient, 1, 1_000_000)
            .Validate(
                o => o.Live.MaxConnections is null || (o.Live.MaxConnections >= 1 && o.Live.MaxConnections <= maxLive),
                $"Pledge:Live:MaxConnections must be between 1 and {maxLive} (the open-file limit, {OpenFileLimit.Soft?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}, less room for ordinary requests), or empty to size it from that limit.")
            .ValidateRange("Pledge:Live:RefusedRetryAfter", o => o.Live.RefusedRetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1))
            .ValidateOnStart();

        services.AddOptions<DeploymentOptions>().Bind(configuration.GetSection(DeploymentOptions.Section))
            .ValidateRange("Deployment:Instances", o => o.Instances, 1, 64)
            .ValidateOnStart();
        services.AddSingleton<PledgeLiveHub>();
        services.AddSingleton<LiveConnectionLimits>();
        services.AddHostedService(sp => sp.GetRequiredService<PledgeLiveHub>());
        services.AddSingleton<PledgeFeed>();
        services.AddSingleton<SigningLoad>();
        services.AddSingleton<Email.ISiteLoad>(sp => sp.GetRequiredService<SigningLoad>());
        services.AddSingleton<ClientHasher>();
        services.AddSingleton<UsedFormTokens>();
        services.AddSingleton<PledgeFormToken>();
        services.AddSingleton<SignatureReceipts>();
        services.AddScoped<SigningService>();
        services.AddSingleton<SignerEmails>();
        services.AddSingleton<ISigningFollowUp>(sp => sp.GetRequiredService<SignerEmails>());

        // The writer always runs: it loads the feed at start-up and applies moderation changes.
        services.AddSingleton<SignatureWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<SignatureWriter>());
        // PostgreSQL: several instances may share the database; each follows the change log (after the
        // writer's start, which loads the feed first), so the live count is the same everywhere.
        if (DatabaseServices.IsPostgreSql(configuration))
        {
            services.AddSingleton<PledgeChangeListener>();
            services.AddHostedService(sp => sp.GetRequiredService<PledgeChangeListener>());
        }
        // Signatures are stored by the writer, unless the benchmark (in its own environment only) asks for a reference store.
        if (!services.AddBenchmarkStore(configuration, environment))
        {
            services.AddSingleton<ISignatureStore>(sp => sp.GetRequiredService<SignatureWriter>());
        }

        services.Configure<RateLimiterOptions>(options => options.AddPolicy<string, PledgeSigningRateLimit>(PledgeSigningRateLimit.PolicyName));

        if (environment.IsDevelopment())
        {
            services.AddScoped<IStartupSeeder, PledgeDemoSeeder>();
        }

        return services;
    }

    /// <summary>Says at start-up how many live streams the site will hold, and why (the open-file limit).</summary>
    public static void LogLiveConnectionLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var limits = app.Services.GetRequiredService<LiveConnectionLimits>();
        app.Logger.LogInformation(
            "Open-file limit {OpenFileLimit}; the live stream holds up to {MaxLiveConnections} connections, {MaxLiveConnectionsPerClient} per client",
            OpenFileLimit.Soft, limits.MaxConnections, limits.MaxConnectionsPerClient);
    }
}
