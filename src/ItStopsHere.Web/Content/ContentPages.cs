using ItStopsHere.Web.Data;
using ItStopsHere.Web.Privacy;

namespace ItStopsHere.Web.Content;

/// <summary>The services behind editable pages, their public history and their editors, registered in one place.</summary>
public static class ContentPages
{
    public static IServiceCollection AddContentPages(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ContentPageOptions>(configuration.GetSection(ContentPageOptions.Section));
        services.Configure<RouteOptions>(options => options.SetParameterPolicy<ContentPageSlugConstraint>(ContentPageSlugConstraint.Name));
        services.AddSingleton<ContentHtml>();
        services.AddScoped<ContentPageStore>();
        services.AddScoped<ContentPageEditor>();
        services.AddScoped<IStartupSeeder, ContentPageSeeder>();
        services.AddRetentionJob<ContentVersionRetentionJob>();
        return services;
    }
}
