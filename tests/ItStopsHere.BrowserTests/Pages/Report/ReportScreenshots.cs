using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Pages.Report;

/// <summary>
/// Saves a PNG of a page when <c>ITSTOPSHERE_SCREENSHOTS</c> names a folder (tools/report-screenshots.sh
/// sets it to docs/screenshots/report); otherwise does nothing. The walk-through tests call it at each page,
/// so the screenshots show the real app in the states the tests reach.
/// </summary>
public static class ReportScreenshots
{
    public static async Task SaveAsync(IPage page, string name, int width, bool fullPage = true)
    {
        var folder = Environment.GetEnvironmentVariable("ITSTOPSHERE_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-{width}.png"), FullPage = fullPage, Type = ScreenshotType.Png });
    }
}
