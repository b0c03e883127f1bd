using ItStopsHere.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Data;

/// <summary>The database: its options, the EF Core context on SQLite, the write gate and its health check.</summary>
public static class DatabaseServices
{
    public const string DefaultConnectionString = "Data Source=data/itstopshere.db";

    /// <summary>
    /// The configured connection string with a relative file path made absolute against the content
    /// root, so the database is in the same place however the app is started.
    /// </summary>
    public static string ResolveConnectionString(IConfiguration configuration, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(
            configuration.GetConnectionString("Default") ?? DefaultConnectionString);
        var isFile = builder.Mode != SqliteOpenMode.Memory
            && !string.IsNullOrEmpty(builder.DataSource)
            && builder.DataSource != ":memory:";
        if (isFile && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
        }

        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }

    public static IServiceCollection AddDatabase(
        this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .ValidateRange($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.BusyTimeoutMs)}", o => o.BusyTimeoutMs, 1, 600_000)
            .ValidateOnStart();

        var connectionString = ResolveConnectionString(configuration, environment.ContentRootPath);
        services.AddSingleton(provider => new SqlitePragmas(provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.BusyTimeoutMs));
        services.AddSingleton<WriteGate>();
        services.AddDbContext<AppDbContext>((provider, options) => options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
            .AddInterceptors(provider.GetRequiredService<SqlitePragmas>()));

        // /health: the database answers (Operations adds the readiness checks).
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }
}
