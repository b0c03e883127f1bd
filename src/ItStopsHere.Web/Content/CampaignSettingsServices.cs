using System.Globalization;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ItStopsHere.Web.Content;

public static class CampaignSettingsServices
{
    /// <summary>Campaign options = configuration + the settings Admins saved, kept current (see <see cref="CampaignSettingsStore"/>).</summary>
    public static IServiceCollection AddCampaignSettings(this IServiceCollection services)
    {
        services.AddSingleton<CampaignSettingsStore>();
        services.AddSingleton<IOptionsChangeTokenSource<CampaignOptions>>(provider => provider.GetRequiredService<CampaignSettingsStore>());
        services.AddSingleton<IPostConfigureOptions<CampaignOptions>, ApplyCampaignSettings>();
        services.AddSingleton<IOptions<CampaignOptions>, CurrentCampaignOptions>();
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
