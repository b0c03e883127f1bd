namespace ItStopsHere.Web.Content;

/// <summary>The services behind the Admins' content pages: news and events, myths and campaign settings.</summary>
public static class ContentAdmin
{
    public static IServiceCollection AddContentAdmin(this IServiceCollection services)
    {
        services.AddScoped<NewsEditor>();
        services.AddScoped<MythEditor>();
        services.AddScoped<CampaignSettingsWriter>();
        return services;
    }
}
