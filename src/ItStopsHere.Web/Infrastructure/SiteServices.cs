using System.Net;
using ItStopsHere.Web.Accounts;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Operations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ItStopsHere.Web.Infrastructure;

public static class SiteServices
{
    /// <summary>Largest request body the site accepts: far above any form, far below anything harmful.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    public static IServiceCollection AddSiteServices(
        this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddOptions<CampaignOptions>().Bind(configuration.GetSection(CampaignOptions.Section));
        services.AddCampaignSettings();

        services.AddSiteDatabase(configuration, environment);
        services.AddDataProtection()
            .SetApplicationName("ItStopsHere")
            .PersistKeysToDbContext<AppDbContext>()
            .ProtectKeysWithConfiguredCertificate(configuration, environment);

        services.AddRazorPages();
        services.AddHtmlCompression();
        services.AddRouting(options =>
        {
            options.LowercaseUrls = true;
            options.AppendTrailingSlash = false;
        });

        var secureCookies = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "ish.af";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = secureCookies;
            options.FormFieldName = "__RequestVerificationToken";
        });
        services.Configure<CookiePolicyOptions>(options =>
        {
            options.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
            options.Secure = secureCookies;
            options.MinimumSameSitePolicy = SameSiteMode.Lax;
        });

        // Request size limits are set on purpose rather than left at the server's 30 MB default.
        services.Configure<FormOptions>(options =>
        {
            options.MultipartBodyLengthLimit = MaxRequestBodyBytes;
            options.ValueLengthLimit = 16 * 1024;
            options.ValueCountLimit = 100;
            options.KeyLengthLimit = 200;
        });
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options =>
        {
            options.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            options.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            options.AddServerHeader = false;
            // Connections are set on purpose too (README, "Connection limits"): stop accepting a little
            // before the open-file limit, so the process can still open its database and write its logs;
            // no upgraded connections, as the site has no WebSockets; idle keep-alive connections and slow
            // request headers let go sooner than the defaults (130 s and 30 s), so they hold fewer descriptors.
            options.Limits.MaxConcurrentConnections = OpenFileLimit.MaxServerConnections;
            options.Limits.MaxConcurrentUpgradedConnections = 0;
            options.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
            options.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            // Kestrel:Limits in configuration overrides any of these.
            configuration.GetSection("Kestrel:Limits").Bind(options.Limits);
        });

        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
        });

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddStaffAccounts(configuration, environment);

        var proxies = ProxySettings.Read(configuration);
        services.AddSingleton(proxies);
        services.Configure<ForwardedHeadersOptions>(proxies.Apply);
        services.AddHttpsOnly(configuration);
        return services;
    }

    public static WebApplication UseSitePipeline(this WebApplication app)
    {
        // Only from configured proxies (ProxySettings); with none, the headers are not read at all.
        if (app.Services.GetRequiredService<ProxySettings>().AnyProxy)
        {
            app.UseForwardedHeaders();
        }

        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHttpsOnly();
        }

        app.UseHtmlCompression();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseRequestBodyLimit();
        app.UseFormNulCharacters();
        app.UseSiteRequestLogging();
        app.UseCookiePolicy();
        app.UseRouting();
        // Sign-in and the staff area's folder rules first: a stranger is sent to sign in (or refused)
        // whatever the method, then a method the page has no handler for gets 405.
        app.UseStaffAccounts();
        app.UsePageMethods();

        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            // As it always was: the database answers. /health/live and /health/ready are the split ones.
            Predicate = check => check.Name == "database",
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).DisableHttpMetrics();
        app.MapHealthEndpoints();

        // Static files are endpoints made from the build's manifest: fingerprinted URLs cached for a
        // year, gzip and Brotli copies made at build time, ETags. Pages link them with
        // asp-append-version, which WithStaticAssets turns into the fingerprinted URL.
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }
}
