using System.Globalization;
using System.Net;
using ItStopsHere.Web.Content;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Infrastructure;

/// <summary>
/// Outside Development the site is served only over HTTPS: its cookies are <c>Secure</c>, and a form
/// page over plain HTTP could not set its antiforgery cookie. A request counts as HTTPS when it came
/// over TLS, or from a configured proxy (<see cref="ProxySettings"/>) that says
/// <c>X-Forwarded-Proto: https</c>. Any other request is redirected (307) to the same address over
/// HTTPS on the port from <c>HttpsRedirection:HttpsPort</c> (or ASP.NET Core's own <c>https_port</c>,
/// or the HTTPS endpoint the server itself listens on); when no port is known, it gets a short page
/// that says to use https, never a page that fails. <c>/health</c> is exempt: a load balancer or a
/// service manager probes the app's own plain-HTTP port, and the answer holds nothing private.
/// </summary>
public static class HttpsOnly
{
    public const string PortKey = "HttpsRedirection:HttpsPort";

    private static int _warned;

    public static IServiceCollection AddHttpsOnly(this IServiceCollection services, IConfiguration configuration)
    {
        var text = configuration[PortKey];
        if (!string.IsNullOrWhiteSpace(text))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw new InvalidOperationException(
                    $"{PortKey} must be the port browsers reach the site on with https (usually 443), a number from 1 to 65535, not \"{text}\".");
            }

            services.Configure<HttpsRedirectionOptions>(options => options.HttpsPort = port);
        }

        return services;
    }

    /// <summary>Redirects plain HTTP to HTTPS, or answers with a page saying to use HTTPS when no port is known.</summary>
    public static IApplicationBuilder UseHttpsOnly(this IApplicationBuilder app) =>
        app.UseWhen(context => !context.Request.IsHttps && !context.Request.Path.StartsWithSegments("/health"), branch =>
        {
            // Redirects when it knows a port; otherwise it logs once and lets the request through to us.
            branch.UseHttpsRedirection();
            branch.Run(RefuseAsync);
        });

    private static async Task RefuseAsync(HttpContext context)
    {
        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpsOnly)).LogWarning(
                "A plain-HTTP request reached the site and there is no HTTPS port to redirect it to, so it was refused. "
                + "Set {PortKey} (usually 443), or ForwardedHeaders:KnownProxies / KnownNetworks when a proxy terminates TLS",
                PortKey);
        }

        var campaign = context.RequestServices.GetRequiredService<IOptions<CampaignOptions>>().Value;
        var name = WebUtility.HtmlEncode(campaign.Name);
        var link = Uri.TryCreate(campaign.SiteUrl, UriKind.Absolute, out var site) && site.Scheme == Uri.UriSchemeHttps
            ? $"<p><a href=\"{WebUtility.HtmlEncode(site.GetLeftPart(UriPartial.Authority))}/\">Go to {name} securely</a></p>"
            : "";
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Use a secure connection - {name}</title></head>
            <body>
            <main>
            <h1>This site needs a secure connection</h1>
            <p>This page can only be opened over a secure (https) connection. Please use the site's address starting with <strong>https://</strong>.</p>
            {link}
            </main>
            </body>
            </html>
            """);
    }
}
