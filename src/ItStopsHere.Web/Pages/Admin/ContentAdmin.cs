namespace ItStopsHere.Web.Pages.Admin;

/// <summary>The services behind the Admins' content pages: news and events, myths and campaign settings.</summary>
public static class ContentAdmin
{
    public static IServiceCollection AddContentAdmin(this IServiceCollection services)
    {
        services.AddScoped<News.NewsEditor>();
        services.AddScoped<Myths.MythEditor>();
        services.AddScoped<Settings.CampaignSettingsWriter>();
        return services;
    }
}
