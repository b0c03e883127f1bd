using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Pages.Report;

/// <summary>
/// Saves a PNG of a page when <c>ITSTOPSHERE_SCREENSHOTS</c> names a folder (tools/report-screenshots.sh
/// sets it to docs/screenshots/report); otherwise does nothing. The walk-through tests call it at each page,
/// so the screenshots show the real app in the states the tests reach.
/// </summary>
public static class ReportScreenshots
{
    /// <summary>The pictures kept: every step at a phone's width, and a few at a laptop's (the README's set, kept small).</summary>
    private static readonly HashSet<string> Wanted =
    [
        "report-390", "safety-390", "form-390", "form-errors-390", "code-390", "follow-up-conversation-390", "summary-390",
        "cases-queue-390", "case-manager-390", "case-adviser-390", "statistics-390",
        "report-1280", "case-adviser-1280", "statistics-1280",
    ];

    public static async Task SaveAsync(IPage page, string name, int width, bool fullPage = true)
    {
        var folder = Environment.GetEnvironmentVariable("ITSTOPSHERE_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder) || !Wanted.Contains($"{name}-{width}"))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        // The whole page as one tall window (a "full page" capture repaints the sticky exit bar part-way
        // down), at most 2,000 px tall so the files stay small; then the window as it was.
        var viewport = page.ViewportSize!;
        var height = fullPage ? Math.Min(2000, await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight")) : viewport.Height;
        await page.SetViewportSizeAsync(viewport.Width, Math.Max(height, viewport.Height));
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-{width}.png"), Type = ScreenshotType.Png });
        await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
    }
}
