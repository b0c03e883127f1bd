using System.Text.Json;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace ItStopsHere.Web.Operations;

/// <summary>
/// Running it in production: backups (<see cref="DatabaseBackup"/>, <see cref="ScheduledBackup"/>),
/// liveness and readiness endpoints, and metrics in the Prometheus text format on their own loopback
/// port (<c>Metrics:Port</c>; off unless set), never on the public site.
/// </summary>
public static class OperationsServices
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

    /// <summary>
    /// Backups, the readiness checks, and metrics. A builder extension, not a services one: the metrics
    /// port is added to the server's addresses, which must be known before the app is built.
    /// </summary>
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        var connectionString = DatabaseServices.ResolveConnectionString(configuration, builder.Environment.ContentRootPath);
        services.AddSingleton(DatabaseServices.IsPostgreSql(configuration)
            ? new DatabaseFileLocation("", connectionString)
            : new DatabaseFileLocation(new SqliteConnectionStringBuilder(connectionString).DataSource));

        services.AddOptions<BackupOptions>()
            .Bind(configuration.GetSection(BackupOptions.Section))
            .ValidateRange("Backup:Keep", o => o.Keep, 1, 10_000)
            .Validate(o => o.Interval is null || (o.Interval >= TimeSpan.FromSeconds(1) && o.Interval <= TimeSpan.FromDays(30)),
                OptionsRanges.Between("Backup:Interval", "00:00:01", "30.00:00:00") + " Leave it empty for no scheduled backups.")
            .Validate(o => o.Interval is null || !DatabaseServices.IsPostgreSql(configuration),
                "Backup:Interval must be empty on PostgreSQL: back the server up with pg_dump (see README.md, \"PostgreSQL\").")
            .ValidateOnStart();
        services.AddScoped<DatabaseBackup>();
        services.AddHostedService<ScheduledBackup>();

        services.AddOptions<HealthOptions>()
            .Bind(configuration.GetSection(HealthOptions.Section))
            .ValidateRange("Health:OutboxStuckAfter", o => o.OutboxStuckAfter, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7))
            .ValidateOnStart();
        services.AddOptions<MetricsOptions>()
            .Bind(configuration.GetSection(MetricsOptions.Section))
            .Validate(o => o.Port is null || o.ListenPort is not null, OptionsRanges.Between("Metrics:Port", "1", "65535") + " Leave it empty for no metrics.")
            .ValidateOnStart();
        services.AddHealthChecks()
            .AddCheck<DatabaseReadinessCheck>("data", tags: [ReadyTag])
            .AddCheck<SignatureWriterHealthCheck>("signature-writer", tags: [ReadyTag]);

        services.AddSingleton<SiteGauges>();
        var metricsOptions = MetricsOptions.From(configuration);
        if (metricsOptions.ListenPort is { } port)
        {
            services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(Meters)
                .AddPrometheusExporter());
            ListenForMetrics(builder, metricsOptions.ListenHost, port);
        }

        return builder;
    }

    /// <summary>
    /// Call first in the pipeline. On the metrics port: <c>/metrics</c>, <c>/health/live</c> and
    /// <c>/health/ready</c>, and 404 for anything else. On the public port(s): <c>/health/live</c> and
    /// <c>/health/ready</c>; <c>/metrics</c> is not there (the site's 404).
    /// </summary>
    public static WebApplication UseMetricsPort(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.ListenPort is { } metricsPort)
        {
            app.Services.GetRequiredService<SiteGauges>();
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

    /// <summary>Maps <c>/health</c> and the liveness and readiness endpoints on the site's own port(s).</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions
        {
            // As it always was: the database answers. /health/live and /health/ready are the split ones.
            Predicate = check => check.Name == "database",
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).DisableHttpMetrics();
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

    /// <summary>
    /// Adds the metrics listener to the site's own addresses (<c>--urls</c>, <c>ASPNETCORE_URLS</c>,
    /// <c>Kestrel:Endpoints</c>), on loopback unless <c>Metrics:Host</c> says otherwise.
    /// </summary>
    private static void ListenForMetrics(WebApplicationBuilder builder, string host, int port)
    {
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
