using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace ItStopsHere.Web.Infrastructure;

/// <summary>
/// Compresses pages, but only those that hold no secret. BREACH: when a response that an attacker can
/// make a victim's browser request both reflects something the attacker chose and carries a secret (an
/// antiforgery token, a personal link, a signer's email address), the compressed length leaks the
/// secret a byte at a time, even over HTTPS. So compression is opt-in, per endpoint:
/// <list type="bullet">
/// <item>only the public pages in <see cref="Pages"/> and endpoints marked with
/// <see cref="CompressPublicResponse{TBuilder}"/> (the news feed, the sitemap): no form that posts, no
/// token, nothing about one person;</item>
/// <item>never for a signed-in staff member (the staff bar carries their email address and a sign-out
/// form with a token);</item>
/// <item>never when an antiforgery token was made for the response (ASP.NET Core then marks it
/// <c>no-store</c>) or it sets a cookie.</item>
/// </list>
/// Everything else (the pledge form, manage and confirm links, sign-in, the staff area, error pages) is
/// sent uncompressed. Static files are compressed at build time (see <c>MapStaticAssets</c>).
/// </summary>
public static class HtmlCompression
{
    /// <summary>
    /// Razor Pages that may be compressed. A page belongs here only if it has no form that posts and
    /// shows nothing about the person asking; <c>CompressionTests</c> checks every one.
    /// </summary>
    public static IReadOnlyList<string> Pages { get; } =
    [
        "/Index",
        "/WhatIsSexualHarassment",
        "/Consent",
        "/Impact",
        "/Myths/Index",
        "/TakeAction/Index",
        "/TakeAction/BystanderTips",
        "/Supporters",
        "/News/Index",
        "/News/Item",
        "/Help",
        "/Privacy",
        "/Accessibility",
        "/Cookies",
        "/Contact",
        "/StayingSafeOnline",
        "/Pledge/Signatures",
    ];

    /// <summary>The text types worth compressing; the live stream (text/event-stream) is not one of them.</summary>
    private static readonly string[] MimeTypes = ["text/html", "application/atom+xml", "application/xml", "text/calendar"];

    public static IServiceCollection AddHtmlCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Safe over HTTPS only because of the opt-in rules above (the framework's default is off for BREACH).
            options.EnableForHttps = true;
            options.MimeTypes = MimeTypes;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        // Fastest: pages are small and dynamic, so a cheap level keeps most of the gain for little CPU.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.AddSingleton<IResponseCompressionProvider, PublicOnlyCompressionProvider>();
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
        {
            foreach (var page in Pages)
            {
                options.Conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(PublicResponse.Instance));
            }
        });
        return services;
    }

    /// <summary>Marks a minimal-API endpoint whose response is public and holds no secret, so it may be compressed.</summary>
    public static TBuilder CompressPublicResponse<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(PublicResponse.Instance);

    /// <summary>Place early, so that it wraps every page; it decides per response when the response starts.</summary>
    public static IApplicationBuilder UseHtmlCompression(this IApplicationBuilder app) => app.UseResponseCompression();

    /// <summary>Whether a response may be compressed under the rules above (the framework has already checked the type and encoding).</summary>
    public static bool IsPublicResponse(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<PublicResponse>() is null)
        {
            return false;
        }

        if (context.User.Identity?.IsAuthenticated == true)
        {
            return false;
        }

        var response = context.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            return false;
        }

        // An antiforgery token made for this response sets "Cache-Control: no-cache, no-store".
        return !response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Endpoint metadata: this response is public and holds no secret.</summary>
    public sealed class PublicResponse
    {
        public static readonly PublicResponse Instance = new();

        private PublicResponse()
        {
        }
    }

    private sealed class PublicOnlyCompressionProvider(IServiceProvider services, Microsoft.Extensions.Options.IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context) =>
            IsPublicResponse(context) && base.ShouldCompressResponse(context);
    }
}
