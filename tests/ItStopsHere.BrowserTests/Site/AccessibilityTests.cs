using ItStopsHere.BrowserTests.Support;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.BrowserTests.Site;

[Collection(BrowserCollection.Name)]
public class AccessibilityTests(BrowserFixture fixture)
{
    public static TheoryData<string, int> PagesAndWidths()
    {
        var data = new TheoryData<string, int>();
        var paths = SiteNavigation.Main.Concat(SiteNavigation.Footer).Select(i => i.Path).Prepend("/").Append("/no-such-page")
            // An editable page's public history, one version, and a comparison (issue 16).
            .Concat(["/consent/history", "/consent/history/1", "/consent/history/compare?from=1&to=1"])
            // The pages made editable with their lists, and their history (issue 16, part 2).
            .Concat(["/take-action/bystander-tips", "/take-action/bystander-tips/history", "/supporters/history/1"]).Distinct();
        foreach (var path in paths)
        {
            data.Add(path, BrowserFixture.Phone.Width);
            data.Add(path, BrowserFixture.Desktop.Width);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PagesAndWidths))]
    public async Task Page_HasNoAxeViolations(string path, int width)
    {
        var page = await fixture.NewPageAsync((width, 900));
        await page.GotoAsync(fixture.Site.Url(path));

        await Axe.AssertNoViolationsAsync(page, $"at {width} px");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AxeCheck_OnPageWithViolation_Fails()
    {
        // Proves the checker can fail: an image without alternative text and an unlabelled field.
        var page = await fixture.NewPageAsync();
        await page.SetContentAsync("<!DOCTYPE html><html lang=en><title>t</title><main><img src=x.png><input></main></html>");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Axe.AssertNoViolationsAsync(page));

        Assert.Contains("image-alt", failure.Message, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AxeCheck_RunsBestPracticeRulesAndTheDarkScheme()
    {
        // Content outside any landmark (a best-practice rule) and text that fails contrast only in the dark scheme.
        var page = await fixture.NewPageAsync();
        await page.SetContentAsync("<!DOCTYPE html><html lang=en><title>t</title><style>@media (prefers-color-scheme: dark) { body { background: #000 } p { color: #222 } }</style>" +
                                   "<main><h1>t</h1><p>Readable only in the light</p></main><div>Outside every landmark</div></html>");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Axe.AssertNoViolationsAsync(page));

        Assert.Contains("region", failure.Message, StringComparison.Ordinal);
        Assert.Contains("(light scheme)", failure.Message, StringComparison.Ordinal);
        await page.EmulateMediaAsync(new() { ColorScheme = Microsoft.Playwright.ColorScheme.Dark });
        await page.EvaluateAsync("() => document.querySelector('div').remove()");
        var dark = await Assert.ThrowsAnyAsync<Exception>(() => Axe.AssertNoViolationsAsync(page));
        Assert.Contains("color-contrast", dark.Message, StringComparison.Ordinal);
        Assert.Contains("(dark scheme)", dark.Message, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
