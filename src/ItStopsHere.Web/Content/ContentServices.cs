using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Privacy;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Content;

/// <summary>
/// The campaign's content: its options (configuration plus the settings Admins saved), the markdown
/// renderer, first-run content, and the services behind the Admins' news, myth and settings pages.
/// </summary>
public static class ContentServices
{
    public static IServiceCollection AddContent(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Campaign options = configuration + the settings Admins saved, kept current (see CampaignSettingsStore).
        services.AddOptions<CampaignOptions>().Bind(configuration.GetSection(CampaignOptions.Section));
        services.AddSingleton<CampaignSettingsStore>();
        services.AddSingleton<IOptionsChangeTokenSource<CampaignOptions>>(provider => provider.GetRequiredService<CampaignSettingsStore>());
        services.AddSingleton<IPostConfigureOptions<CampaignOptions>, ApplyCampaignSettings>();
        services.AddSingleton<IOptions<CampaignOptions>, CurrentCampaignOptions>();

        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<IStartupSeeder, CampaignContentSeeder>();
        if (environment.IsDevelopment())
        {
            services.AddScoped<IStartupSeeder, DemoContentSeeder>();
        }

        services.AddScoped<NewsEditor>();
        services.AddScoped<MythEditor>();
        services.AddScoped<CampaignSettingsWriter>();

        // Editable pages, their public history and their editor.
        services.AddOptions<ContentPageOptions>()
            .Bind(configuration.GetSection(ContentPageOptions.Section))
            .ValidateRange("ContentPages:StaleFactMonths", o => o.StaleFactMonths, 1, 60)
            .ValidateOnStart();
        services.Configure<RouteOptions>(options => options.SetParameterPolicy<ContentPageSlugConstraint>(ContentPageSlugConstraint.Name));
        services.AddSingleton<ContentHtml>();
        services.AddScoped<ContentPageStore>();
        services.AddScoped<ContentPageEditor>();
        services.AddScoped<StaleFacts>();
        services.AddScoped<ContentPageDirectory>();
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options => ContentPageRoutes.AddConventions(options.Conventions));
        services.AddScoped<IStartupSeeder, ContentPageSeeder>();
        if (environment.IsDevelopment())
        {
            services.AddScoped<IStartupSeeder, DemoPolicySeeder>();
        }

        services.AddRetentionJob<ContentVersionRetentionJob>();
        return services;
    }

    /// <summary>Loads the saved settings; call once the database is migrated, before serving.</summary>
    public static async Task LoadCampaignSettingsAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await scope.ServiceProvider.GetRequiredService<CampaignSettingsStore>().ReloadAsync(db, cancellationToken);
    }
}
