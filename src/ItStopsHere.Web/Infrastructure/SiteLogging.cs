using Serilog;
using Serilog.Formatting.Compact;

namespace ItStopsHere.Web.Infrastructure;

public static class SiteLogging
{
    /// <summary>
    /// Serilog from configuration (levels, overrides, enrichers, extra sinks under <c>Serilog</c>).
    /// The console is readable text in Development and compact JSON elsewhere, for log collectors;
    /// <c>Serilog:ConsoleFormat</c> ("text", "json" or "none") overrides that.
    /// </summary>
    public static WebApplicationBuilder AddSiteLogging(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration["Serilog:ConsoleFormat"]
            ?? (builder.Environment.IsDevelopment() ? "text" : "json");

        // preserveStaticLogger: each app gets its own logger instead of replacing the process-wide
        // Log.Logger; otherwise two apps in one process (the tests run several) log into each other's
        // sinks, and stopping one silences the rest.
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext();

            switch (format.ToUpperInvariant())
            {
                case "TEXT":
                    logger.WriteTo.Console(
                        outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {SourceContext}{NewLine}{Exception}",
                        formatProvider: System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "JSON":
                    logger.WriteTo.Console(new RenderedCompactJsonFormatter());
                    break;
                default:
                    break;
            }
        }, preserveStaticLogger: true);
        return builder;
    }

    /// <summary>
    /// One line per request: method, path, status and elapsed time. The path never includes the
    /// query string (it may carry tokens), and no form body or header is ever logged.
    /// </summary>
    public static IApplicationBuilder UseSiteRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.IncludeQueryInRequestPath = false;
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            // Static files (CSS, scripts, images) are logged only at Verbose, as before they became endpoints.
            options.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode > 499 ? Serilog.Events.LogEventLevel.Error
                : context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null ? Serilog.Events.LogEventLevel.Verbose
                : Serilog.Events.LogEventLevel.Information;
        });
}
