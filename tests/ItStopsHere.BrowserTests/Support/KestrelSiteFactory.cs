using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.BrowserTests.Support;

/// <summary>The real app on Kestrel at a free loopback port, on its own SQLite file, for a real browser.</summary>
public class KestrelSiteFactory : WebApplicationFactory<Program>
{
    /// <summary>The quick exit's target in tests: a neutral page the browser fakes, so nothing leaves the machine.</summary>
    public const string QuickExitUrl = "https://quick-exit.test/weather";

    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);

    public KestrelSiteFactory()
    {
        var folder = Path.Combine(Path.GetTempPath(), "itstopshere-browser-tests");
        Directory.CreateDirectory(folder);
        DatabasePath = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        UseKestrel(0);
    }

    public string DatabasePath { get; }

    /// <summary>The site's root address, e.g. <c>http://localhost:40123</c>, valid after <see cref="Start"/>.</summary>
    public Uri RootUri { get; private set; } = new("http://localhost/");

    public KestrelSiteFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public void Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Chromium treats http://localhost as a secure context, so it keeps the app's Secure cookies.
        var port = new Uri(address).Port;
        RootUri = new Uri($"http://localhost:{port}/");
    }

    public string Url(string path) => new Uri(RootUri, path).ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={DatabasePath}");
        builder.UseSetting("Serilog:ConsoleFormat", "none");
        builder.UseSetting("Campaign:QuickExitUrl", QuickExitUrl);
        // Mail the app writes (no SMTP server in browser tests) goes to a temp folder, not the source tree.
        builder.UseSetting("Email:PickupDirectory", Path.Combine(Path.GetDirectoryName(DatabasePath)!, Path.GetFileNameWithoutExtension(DatabasePath) + "-mail"));
        builder.UseSetting("Retention:Enabled", "false");
        builder.UseSetting("Site:PublicPageCacheSeconds", "0");
        // Every browser test signs in from loopback: keep the per-network sign-in limit out of their way.
        builder.UseSetting("Accounts:SignInRateLimit:Burst", "100000");
        builder.UseSetting("Accounts:SignInRateLimit:PerHour", "1000000");
        // The app runs as in production, where antiforgery and cookies require HTTPS. The browser speaks
        // plain HTTP to loopback and says "https" the way a TLS-terminating proxy would (see BrowserFixture).
        builder.UseSetting("ForwardedHeaders:KnownProxies:0", "127.0.0.1");
        builder.UseSetting("ForwardedHeaders:KnownProxies:1", "::1");
        // Chromium fetches a download again without the context's extra headers; a real proxy adds
        // X-Forwarded-Proto to every request, so this one does too, ahead of the app's pipeline.
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TlsTerminatingProxy>());
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
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
                    // Harmless: temp files with unique names.
                }
            }
        }
    }
}

/// <summary>What nginx does in front of the app: every request arrives saying it came over https.</summary>
internal sealed class TlsTerminatingProxy : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Request.Headers["X-Forwarded-Proto"] = "https";
            return nextMiddleware(context);
        });
        next(app);
    };
}
