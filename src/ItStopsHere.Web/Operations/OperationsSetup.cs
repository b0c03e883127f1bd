using System.Text.Json;
using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace ItStopsHere.Web.Operations;

/// <summary>
/// Running it in production: backups (<see cref="DatabaseBackup"/>, <see cref="ScheduledBackup"/>),
/// liveness and readiness endpoints, and metrics in the Prometheus text format on their own loopback
/// port (<c>Metrics:Port</c>; off unless set), never on the public site.
/// </summary>
public static class OperationsSetup
{
    public const string ReadyTag = "ready";
    public const string MetricsPath = "/metrics";

    /// <summary>Every meter scraped: the site's own, ASP.NET Core's and Kestrel's, the rate limiter's, and the runtime's (.NET 9+ built in).</summary>
    public static readonly string[] Meters =
    [
        SiteMetrics.MeterName,
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Diagnostics",
        "System.Runtime",
    ];

    public static WebApplicationBuilder AddSiteOperations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        var connection = new SqliteConnectionStringBuilder(DatabaseSetup.ResolveConnectionString(configuration, builder.Environment.ContentRootPath));
        services.AddSingleton(new DatabaseFileLocation(connection.DataSource));

        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.Section));
        services.AddScoped<DatabaseBackup>();
        services.AddHostedService<ScheduledBackup>();

        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.Section));
        services.AddHealthChecks()
            .AddCheck<DatabaseReadinessCheck>("data", tags: [ReadyTag])
            .AddCheck<SignatureWriterHealthCheck>("signature-writer", tags: [ReadyTag]);

        services.AddSingleton<SiteGauges>();
        var port = MetricsPort(configuration);
        if (port is not null)
        {
            services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(Meters)
                .AddPrometheusExporter());
            ListenForMetrics(builder, port.Value);
        }

        return builder;
    }

    /// <summary>
    /// Call first in the pipeline. On the metrics port: <c>/metrics</c>, <c>/health/live</c> and
    /// <c>/health/ready</c>, and 404 for anything else. On the public port(s): <c>/health/live</c> and
    /// <c>/health/ready</c>; <c>/metrics</c> is not there (the site's 404).
    /// </summary>
    public static WebApplication UseSiteOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var port = MetricsPort(app.Configuration);
        if (port is not null)
        {
            app.Services.GetRequiredService<SiteGauges>();
            var metricsPort = port.Value;
            app.UseOpenTelemetryPrometheusScrapingEndpoint(
                context => context.Connection.LocalPort == metricsPort && context.Request.Path == MetricsPath);
            app.UseHealthChecks(LivePath, metricsPort, LiveOptions);
            app.UseHealthChecks(ReadyPath, metricsPort, ReadyOptions);
            app.Use((context, next) =>
            {
                if (context.Connection.LocalPort != metricsPort)
                {
                    return next(context);
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        }

        return app;
    }

    /// <summary>Maps the liveness and readiness endpoints on the site's own port(s); called with the other endpoints.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, LiveOptions).DisableHttpMetrics();
        endpoints.MapHealthChecks(ReadyPath, ReadyOptions).DisableHttpMetrics();
        return endpoints;
    }

    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    /// <summary>Liveness runs no check: it answers while the process can answer at all, without touching the database.</summary>
    private static readonly HealthCheckOptions LiveOptions = new() { Predicate = _ => false, ResponseWriter = WriteJsonAsync };

    private static readonly HealthCheckOptions ReadyOptions = new()
    {
        Predicate = check => check.Tags.Contains(ReadyTag),
        ResponseWriter = WriteJsonAsync,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };

    /// <summary><c>{"status":"Unhealthy","checks":{"data":"Unhealthy: The database file is missing."}}</c>: no exception text, no personal data.</summary>
    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => e.Value.Description is { } description ? $"{e.Value.Status}: {description}" : e.Value.Status.ToString()),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private static int? MetricsPort(IConfiguration configuration) =>
        configuration.GetValue<int?>("Metrics:Port") is > 0 and < 65536 and var port ? port : null;

    /// <summary>
    /// Adds the metrics listener to the site's own addresses (<c>--urls</c>, <c>ASPNETCORE_URLS</c>,
    /// <c>Kestrel:Endpoints</c>), on loopback unless <c>Metrics:Host</c> says otherwise.
    /// </summary>
    private static void ListenForMetrics(WebApplicationBuilder builder, int port)
    {
        var host = builder.Configuration["Metrics:Host"] is { Length: > 0 } configured ? configured : "127.0.0.1";
        var url = $"http://{host}:{port}";
        if (builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            builder.Configuration.AddInMemoryCollection([new("Kestrel:Endpoints:Metrics:Url", url)]);
            return;
        }

        var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        if (string.IsNullOrWhiteSpace(urls))
        {
            var httpPorts = builder.WebHost.GetSetting("http_ports");
            urls = string.IsNullOrWhiteSpace(httpPorts)
                ? "http://localhost:5000"
                : string.Join(';', httpPorts.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => $"http://*:{p}"));
        }

        builder.WebHost.UseUrls($"{urls};{url}");
    }
}
