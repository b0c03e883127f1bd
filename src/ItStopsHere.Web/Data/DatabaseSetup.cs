using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Data;

public static class DatabaseSetup
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

    public static IServiceCollection AddSiteDatabase(
        this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var connectionString = ResolveConnectionString(configuration, environment.ContentRootPath);
        var busyTimeoutMs = configuration.GetValue("Database:BusyTimeoutMs", 5000);
        var pragmas = new SqlitePragmas(busyTimeoutMs);
        services.AddSingleton<WriteGate>();

        services.AddDbContext<AppDbContext>(options => options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
            .AddInterceptors(pragmas));
        return services;
    }
}
