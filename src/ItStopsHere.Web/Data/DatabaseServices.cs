using ItStopsHere.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Data;

/// <summary>The database: its options, the EF Core context on SQLite or PostgreSQL, the write gate and its health check.</summary>
public static class DatabaseServices
{
    public const string DefaultConnectionString = "Data Source=data/itstopshere.db";

    public const string ProviderKey = DatabaseOptions.Section + ":" + nameof(DatabaseOptions.Provider);

    /// <summary>
    /// The configured <c>Database:Provider</c> (<c>Sqlite</c> when not set, any case), or null when it
    /// names neither: then the settings check refuses to start, before the database is opened.
    /// </summary>
    public static DatabaseProvider? ProviderOf(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            && !int.TryParse(value, out _)
            ? provider
            : null;
    }

    /// <summary>True when the site runs on PostgreSQL (<c>Database:Provider</c> = <c>PostgreSQL</c>).</summary>
    public static bool IsPostgreSql(IConfiguration configuration) => ProviderOf(configuration) == DatabaseProvider.PostgreSQL;

    /// <summary>
    /// The configured connection string. On SQLite, with a relative file path made absolute against the
    /// content root, so the database is in the same place however the app is started; on PostgreSQL, as given
    /// (an Npgsql connection string: <c>Host=...;Database=...;Username=...</c>; the password from a secret).
    /// </summary>
    public static string ResolveConnectionString(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (IsPostgreSql(configuration))
        {
            return configuration.GetConnectionString("Default") ?? "";
        }

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
        var provider = ProviderOf(configuration);
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .ValidateRange($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.BusyTimeoutMs)}", o => o.BusyTimeoutMs, 1, 600_000)
            .Validate(_ => provider is not null, $"{ProviderKey} must be Sqlite or PostgreSQL.")
            .Validate(
                _ => provider != DatabaseProvider.PostgreSQL || !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Default")),
                "ConnectionStrings:Default must be set to a PostgreSQL connection string (Host=...;Database=...;Username=...) when Database:Provider is PostgreSQL.")
            .ValidateOnStart();

        services.AddSingleton<WriteGate>();
        // One instance at a time runs each scheduled job (advisory locks on PostgreSQL).
        services.AddSingleton<JobLock>();
        if (provider == DatabaseProvider.PostgreSQL)
        {
            var connectionString = configuration.GetConnectionString("Default") ?? "";
            services.AddDbContext<AppDbContext>(options => options
                .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
                .AddInterceptors(new PostgreSqlNulCharacters()));
            // Features inject AppDbContext; on PostgreSQL it is the derived type that owns the PostgreSQL
            // migrations, built from the same DbContextOptions<AppDbContext> (so ConfigureDbContext<AppDbContext>
            // elsewhere, e.g. the outbox's interceptor, still applies).
            services.Replace(ServiceDescriptor.Scoped<AppDbContext>(
                scoped => new PostgreSqlAppDbContext(scoped.GetRequiredService<DbContextOptions<AppDbContext>>())));
        }
        else
        {
            var connectionString = ResolveConnectionString(configuration, environment.ContentRootPath);
            services.AddSingleton(provider => new SqlitePragmas(provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.BusyTimeoutMs));
            services.AddDbContext<AppDbContext>((provider, options) => options
                .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
                .AddInterceptors(provider.GetRequiredService<SqlitePragmas>()));
        }

        // /health: the database answers (Operations adds the readiness checks).
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }
}
