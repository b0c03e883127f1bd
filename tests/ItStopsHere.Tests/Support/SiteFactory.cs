using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace ItStopsHere.Tests.Support;

/// <summary>
/// The real app on its own SQLite file (never the EF InMemory provider), or its own PostgreSQL database
/// when the tests run on PostgreSQL (<see cref="TestDatabase"/>), in the "Testing" environment
/// so that it behaves as in production: secure cookies, friendly error pages, no demo data.
/// One factory, and so one database, per test class (<c>IClassFixture&lt;SiteFactory&gt;</c>).
/// Every log event is captured (<see cref="Logs"/>), and any line that looks like an email address fails
/// the test during which it was logged (<see cref="NoEmailAddressInLogsAttribute"/>).
/// </summary>
public class SiteFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Action<IServiceCollection>> _services = [];
    private readonly bool _ownsDatabase;

    public SiteFactory()
        : this(NewDatabasePath(), ownsDatabase: true)
    {
    }

    /// <summary>
    /// A site on an existing database file, e.g. to start the app again on the same data as another
    /// factory. The file is not deleted when this factory is disposed.
    /// </summary>
    public static SiteFactory OnDatabase(string databasePath) => new(databasePath, ownsDatabase: false);

    // Protected rather than public: a class fixture may have only one public constructor.
    protected SiteFactory(string databasePath, bool ownsDatabase)
    {
        DatabasePath = databasePath;
        _ownsDatabase = ownsDatabase;
        // Outside Development the site answers plain HTTP only with a redirect or a "use https" page.
        ClientOptions.BaseAddress = new Uri("https://localhost");
        MailFolder = Path.Combine(Path.GetTempPath(), "itstopshere-tests", "mail-" + Guid.NewGuid().ToString("N"));
    }

    public static string NewDatabasePath()
    {
        var folder = Path.Combine(Path.GetTempPath(), "itstopshere-tests");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{Guid.NewGuid():N}.db");
    }

    public string DatabasePath { get; }

    /// <summary>Where the app writes emails as .eml files when no SMTP server is configured.</summary>
    public string MailFolder { get; }

    /// <summary>Everything the app logged, as Serilog events.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>Overrides one configuration value; call before the first request.</summary>
    public SiteFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>
    /// Puts the site on the database that <paramref name="databasePath"/> names (a SQLite file, or on PostgreSQL
    /// the database that stands for it), which this factory does not delete; call before the first request.
    /// </summary>
    public SiteFactory WithDatabase(string databasePath)
    {
        foreach (var (key, value) in TestDatabase.SettingsFor(databasePath))
        {
            _settings[key] = value;
        }

        return this;
    }

    /// <summary>Adds or replaces services, after the app's own; call before the first request.</summary>
    public SiteFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // SQLite: the file; PostgreSQL (ITSH_TEST_PROVIDER): a database of this factory's own, made from the migrated template.
        foreach (var (key, value) in TestDatabase.SettingsFor(DatabasePath))
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Serilog:ConsoleFormat", "none");
        builder.UseSetting("Email:PickupDirectory", MailFolder);
        // Retention jobs run when a test asks, not on a timer in the middle of another test.
        builder.UseSetting("Retention:Enabled", "false");
        // A page read right after a change must show it; PageCachingTests switch the cache on.
        builder.UseSetting("Site:PublicPageCacheSeconds", "0");
        // Reporting (issue 15) is off by default (Production needs a key); tests run it, with a key made beside the database.
        builder.UseSetting("Reporting:Enabled", "true");
        builder.UseSetting("Reporting:ReportsPerHourPerClient", "1000");
        // Every test request comes from one address, and a test class signs in many times: the per-network
        // sign-in limit is tested on its own (SignInTests sets it low).
        builder.UseSetting("Accounts:SignInRateLimit:Burst", "100000");
        builder.UseSetting("Accounts:SignInRateLimit:PerHour", "1000000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Logs));
        foreach (var configure in _services)
        {
            builder.ConfigureServices(configure);
        }
    }

    /// <summary>A client like a browser's: HTTPS (so secure cookies flow), cookies kept, redirects not followed.</summary>
    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        });

    /// <summary>Runs <paramref name="work"/> with a fresh DbContext on the test's database.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await work(db);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
        {
            return;
        }

        SqliteConnection.ClearAllPools();
        if (_ownsDatabase)
        {
            DeleteDatabase(DatabasePath);
        }

        try
        {
            if (Directory.Exists(MailFolder))
            {
                Directory.Delete(MailFolder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; the next run uses new names.
        }
    }

    public static void DeleteDatabase(string path)
    {
        TestDatabase.Drop(path);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(path + suffix);
            }
            catch (IOException)
            {
                // A temp file left behind is harmless; the next run uses new names.
            }
        }
    }
}
