using System.Globalization;
using FluentValidation;
using ItStopsHere.Web.Benchmark;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Pages.Pledge;

namespace ItStopsHere.Web.Signing;

public static class PledgeSetup
{
    /// <summary>Everything the pledge needs: options, the writer, the feed, the live hub and the rate limit.</summary>
    public static IServiceCollection AddPledge(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var section = configuration.GetSection(PledgeOptions.Section);
        var maxLive = OpenFileLimit.MaxAllowedLiveConnections;
        services.AddOptions<PledgeOptions>().Bind(section)
            .Validate(o => o.Live.MaxConnectionsPerClient >= 1, "Pledge:Live:MaxConnectionsPerClient must be at least 1.")
            .Validate(
                o => o.Live.MaxConnections is null || (o.Live.MaxConnections >= 1 && o.Live.MaxConnections <= maxLive),
                $"Pledge:Live:MaxConnections must be between 1 and {maxLive} (the open-file limit, {OpenFileLimit.Soft?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}, less room for ordinary requests), or empty to size it from that limit.")
            .Validate(
                o => o.Live.RefusedRetryAfter >= TimeSpan.FromSeconds(1) && o.Live.RefusedRetryAfter <= TimeSpan.FromHours(1),
                "Pledge:Live:RefusedRetryAfter must be between a second and an hour.")
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
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
        services.AddSingleton<ISignatureScreening, ConfiguredSignatureScreening>();
        services.AddSingleton<IValidator<SignatureInput>, SignatureInputValidator>();

        // The writer always runs: it loads the feed at start-up and applies moderation changes.
        services.AddSingleton<SignatureWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<SignatureWriter>());
        // Signatures are stored by the writer, unless the benchmark (in its own environment only) asks for a reference store.
        if (!services.AddBenchmarkStore(configuration, environment))
        {
            services.AddSingleton<ISignatureStore>(sp => sp.GetRequiredService<SignatureWriter>());
        }

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy<string, PledgeSigningRateLimit>(PledgeSigningRateLimit.PolicyName);
        });

        if (environment.IsDevelopment())
        {
            services.AddScoped<IStartupSeeder, PledgeDemoSeeder>();
        }

        return services;
    }

    /// <summary>The rate limiter and the pledge's endpoints; call after routing is set up.</summary>
    public static WebApplication UsePledge(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapPledgeEndpoints();
        var limits = app.Services.GetRequiredService<LiveConnectionLimits>();
        app.Logger.LogInformation(
            "Open-file limit {OpenFileLimit}; the live stream holds up to {MaxLiveConnections} connections, {MaxLiveConnectionsPerClient} per client",
            OpenFileLimit.Soft, limits.MaxConnections, limits.MaxConnectionsPerClient);
        return app;
    }
}
