using ItStopsHere.Web.Privacy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Reporting;

public static class ReportingServices
{
    /// <summary>The reporting channel (issue 15): options, keys, the store, the advisers' desk, the retention job, and the <c>/report</c> headers.</summary>
    public static IServiceCollection AddReporting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportingOptions>()
            .Bind(configuration.GetSection(ReportingOptions.Section))
            .Validate(o => o.ReportsPerHourPerClient >= 1, "Reporting:ReportsPerHourPerClient must be at least 1.")
            .Validate(o => o.WrongCodesBeforeDelay >= 1, "Reporting:WrongCodesBeforeDelay must be at least 1.")
            .Validate(o => o.WrongCodesPerHourSiteWide >= 1, "Reporting:WrongCodesPerHourSiteWide must be at least 1.")
            .Validate(o => o.AnonymousRetentionMonthsAfterClose >= 1 && o.NamedRetentionMonthsAfterClose >= 1, "Reporting retention periods must be at least 1 month.")
            .ValidateOnStart();
        services.AddSingleton<ReportKeyRing>();
        services.AddSingleton<AttemptThrottle>();
        services.AddSingleton<ReportSession>();
        services.AddScoped<ReportNotifications>();
        services.AddScoped<ReportStore>();
        services.AddScoped<CaseDesk>();
        services.AddScoped<ReportStatistics>();
        services.AddRetentionJob<ReportRetentionJob>();
        services.Configure<RazorPagesOptions>(options =>
            options.Conventions.AddFolderApplicationModelConvention("/Report", model => model.Filters.Add(new ReportPageHeaders())));
        return services;
    }
}
