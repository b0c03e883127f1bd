using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Infrastructure;

/// <summary>
/// The real app on its own SQLite file (never the EF InMemory provider), in the "Testing" environment
/// so that it behaves as in production: secure cookies, friendly error pages, no demo data.
/// One factory, and so one database, per test class (<c>IClassFixture&lt;SiteFactory&gt;</c>).
/// </summary>
public class SiteFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);

    public SiteFactory()
    {
        var folder = Path.Combine(Path.GetTempPath(), "itstopshere-tests");
        Directory.CreateDirectory(folder);
        DatabasePath = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
    }

    public string DatabasePath { get; }

    /// <summary>Overrides one configuration value; call before the first request.</summary>
    public SiteFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={DatabasePath}");
        builder.UseSetting("Serilog:ConsoleFormat", "none");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
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
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try
                {
                    File.Delete(DatabasePath + suffix);
                }
                catch (IOException)
                {
                    // A temp file left behind is harmless; the next run uses new names.
                }
            }
        }
    }
}
