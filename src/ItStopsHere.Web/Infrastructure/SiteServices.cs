using System.Net;
using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;

namespace ItStopsHere.Web.Infrastructure;

public static class SiteServices
{
    /// <summary>Largest request body the site accepts: far above any form, far below anything harmful.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>
    /// The web plumbing every feature relies on: Razor Pages and routing, Data Protection, the antiforgery
    /// and cookie rules, request and connection limits, HSTS, proxies and HTTPS, compression, the page
    /// cache and the rate limiter (each feature adds its own policy).
    /// </summary>
    public static IServiceCollection AddSite(
        this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddOptions<SiteOptions>()
            .Bind(configuration.GetSection(SiteOptions.Section))
            .ValidateRange("Site:PublicPageCacheSeconds", o => o.PublicPageCacheSeconds, 0, 3600)
            .ValidateOnStart();

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

        var proxies = ProxySettings.Read(configuration);
        services.AddSingleton(proxies);
        services.Configure<ForwardedHeadersOptions>(proxies.Apply);
        services.AddHttpsOnly(configuration);

        services.AddPageCaching();
        services.AddRateLimiter(options => options.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        return services;
    }
}
