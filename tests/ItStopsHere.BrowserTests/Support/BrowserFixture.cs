using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Support;

/// <summary>
/// One running site and one headless Chromium for a collection of browser tests.
/// Chromium is Debian's (<c>CHROMIUM_PATH</c>, else <c>/usr/bin/chromium</c>), so nothing is downloaded.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public static readonly (int Width, int Height) Phone = (390, 844);
    public static readonly (int Width, int Height) Desktop = (1280, 900);

    private IPlaywright? _playwright;

    public KestrelSiteFactory Site { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Site.Start();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args =
            [
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    public static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (string.IsNullOrEmpty(path))
        {
            path = "/usr/bin/chromium";
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Chromium not found at {path}. Run the README's test command (tests/test.sh installs it), or set CHROMIUM_PATH.");
        }

        return path;
    }

    /// <summary>
    /// A fresh browser context (no cookies, no history) at the given viewport size; <paramref name="touchOnly"/>
    /// emulates a phone with a touch screen and no mouse or keyboard hints.
    /// </summary>
    public async Task<IPage> NewPageAsync((int Width, int Height)? viewport = null, bool javaScript = true, bool touchOnly = false)
    {
        var size = viewport ?? Desktop;
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = size.Width, Height = size.Height },
            JavaScriptEnabled = javaScript,
            HasTouch = touchOnly,
            IsMobile = touchOnly,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            // As a TLS-terminating proxy would: the site (trusting loopback as its proxy) then treats
            // requests as HTTPS, so forms with antiforgery tokens and Secure cookies work as in production.
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https" },
        });
        // The quick exit's neutral page, answered here so the test never touches the network.
        await context.RouteAsync("https://quick-exit.test/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "text/html",
            Body = "<!DOCTYPE html><title>Weather</title><h1>Weather</h1>",
        }));
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(10_000);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Site.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
