using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Infrastructure;

/// <summary>
/// Short server-side output caching for public pages that are the same for every visitor. The home
/// page is the one that takes the spike when the campaign is shared; its count is live anyway (the
/// script updates it), so serving it from memory for a second or two costs nothing a visitor would
/// notice. The built-in default policy is kept underneath: nothing is cached or served from the
/// cache for a signed-in person or a request with an Authorization header, and a response that sets a
/// cookie is never stored. Pages with forms (<c>/pledge</c>) are not cached at all: their antiforgery
/// token belongs to one visitor's cookie and must never be served to anyone else.
/// </summary>
public static class PageCaching
{
    /// <summary>The policy name for pages that are the same for every anonymous visitor.</summary>
    public const string PublicPage = "public-page";

    /// <summary>The output cache with the <see cref="PublicPage"/> policy, for <see cref="SiteOptions.PublicPageCacheSeconds"/>.</summary>
    public static IServiceCollection AddPageCaching(this IServiceCollection services)
    {
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<SiteOptions>>((options, site) =>
        {
            // Site:PublicPageCacheSeconds = 0 turns it off.
            var seconds = site.Value.PublicPageCacheSeconds;
            options.SizeLimit = 32 * 1024 * 1024;
            options.AddPolicy(PublicPage, policy =>
            {
                if (seconds <= 0)
                {
                    policy.NoCache();
                    return;
                }

                // The page ignores its query string, so a query cannot fill the cache with copies.
                policy.Expire(TimeSpan.FromSeconds(seconds)).SetVaryByQuery([]).Tag(PublicPage);
            });
        });
        return services;
    }
}
