using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItStopsHere.Web.Content;

/// <summary>The campaign's content pages: their services, first-run content and non-page endpoints.</summary>
public static class CampaignContent
{
    public static IServiceCollection AddCampaignContent(this IServiceCollection services, IHostEnvironment environment)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<IStartupSeeder, CampaignContentSeeder>();
        if (environment.IsDevelopment())
        {
            services.AddScoped<IStartupSeeder, DemoContentSeeder>();
        }

        return services;
    }

    /// <summary>The news feed, event calendar files, <c>sitemap.xml</c> and <c>robots.txt</c>.</summary>
    public static IEndpointRouteBuilder MapCampaignContent(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapNewsEndpoints();
        endpoints.MapSearchEngineFiles();
        return endpoints;
    }
}
