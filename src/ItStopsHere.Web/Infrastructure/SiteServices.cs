using System.Net;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Pages.Account;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Features;
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
            .PersistKeysToDbContext<AppDbContext>();

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
        });

        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
        });

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddStaffAccounts(configuration, environment);

        ConfigureForwardedHeaders(services, configuration);
        return services;
    }

    /// <summary>
    /// X-Forwarded-For and -Proto are believed only from the proxies named in configuration
    /// (<c>ForwardedHeaders:KnownProxies</c> and <c>ForwardedHeaders:KnownNetworks</c>); with none named,
    /// they are ignored, so a visitor cannot pretend to be someone else.
    /// </summary>
    private static void ConfigureForwardedHeaders(IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
    }

    public static WebApplication UseSitePipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();
        app.UseHtmlCompression();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseRequestBodyLimit();
        app.UseSiteRequestLogging();
        app.UseCookiePolicy();
        app.UseRouting();
        app.UseStaffAccounts();

        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).DisableHttpMetrics();
        // Static files are endpoints made from the build's manifest: fingerprinted URLs cached for a
        // year, gzip and Brotli copies made at build time, ETags. Pages link them with
        // asp-append-version, which WithStaticAssets turns into the fingerprinted URL.
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }
}
