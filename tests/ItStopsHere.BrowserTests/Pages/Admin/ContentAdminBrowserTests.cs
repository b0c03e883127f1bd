using ItStopsHere.BrowserTests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Pages.Admin;

/// <summary>
/// The Admins' content pages in a real browser. The site is shared with other browser tests, so these
/// add news items (with fictional titles) but never change the myths or the settings others rely on.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ContentAdminBrowserTests(BrowserFixture fixture)
{
    public static TheoryData<int> Widths() => new() { BrowserFixture.Phone.Width, BrowserFixture.Desktop.Width };

    private async Task<int> DraftAsync(string title, bool scheduled = false)
    {
        await using var scope = fixture.Site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var item = new NewsItem
        {
            Slug = "browser-admin-" + Guid.NewGuid().ToString("N")[..8],
            Title = title,
            Summary = "A fictional item for a browser test.",
            Body = "Some **text**.",
            PublishedAt = scheduled ? DateTimeOffset.UtcNow.AddDays(3) : DateTimeOffset.UtcNow,
            IsPublished = scheduled,
        };
        db.NewsItems.Add(item);
        await db.SaveChangesAsync();
        return item.Id;
    }

    private async Task<int> FirstMythIdAsync()
    {
        await using var scope = fixture.Site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Myths.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
    }

    private static async Task AssertAccessibleAsync(IPage page, string because)
    {
        await Axe.AssertNoViolationsAsync(page, because);
        var wide = await page.EvaluateAsync<string>(
            "() => document.documentElement.scrollWidth > document.documentElement.clientWidth ? [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth).map(e => e.tagName + '.' + e.className).slice(0, 5).join(', ') : ''");
        Assert.True(wide == "", $"{page.Url} scrolls sideways {because}: {wide}");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task ContentPages_HaveNoAxeViolations(int width)
    {
        var admin = await StaffAccounts.CreateAsync(fixture.Site, StaffRoles.Admin);
        var draft = await DraftAsync("Fictional draft for the axe check");
        var scheduled = await DraftAsync("Fictional scheduled item for the axe check", scheduled: true);
        var myth = await FirstMythIdAsync();
        var page = await fixture.NewPageAsync((width, 900));
        await StaffAccounts.SignInAsync(page, fixture.Site, admin);

        var paths = new[]
        {
            "/admin", "/admin/news", "/admin/news?show=drafts", "/admin/news/new", $"/admin/news/{draft}", $"/admin/news/{scheduled}",
            $"/admin/news/{draft}/delete", "/admin/myths", "/admin/myths/new", $"/admin/myths/{myth}", $"/admin/myths/{myth}/delete",
            "/admin/settings",
        };
        foreach (var path in paths)
        {
            await page.GotoAsync(fixture.Site.Url(path));
            await AssertAccessibleAsync(page, $"at {width} px");
        }

        // A news form with errors, then with a preview and the formatting help open.
        await page.GotoAsync(fixture.Site.Url("/admin/news/new"));
        await page.GetByLabel("Place (optional)").FillAsync("Somewhere");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as draft" }).ClickAsync();
        await page.Locator(".error-summary").WaitForAsync();
        await AssertAccessibleAsync(page, $"news form with errors at {width} px");

        await page.GetByLabel("Title").FillAsync("A fictional previewed item");
        await page.GetByLabel("Place (optional)").FillAsync("");
        await page.GetByLabel("Summary").FillAsync("Its summary.");
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("## A heading\n\nSome **bold** words and [a link](https://www.example.ac.uk).\n\n- one\n- two");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await page.Locator("[data-preview]").WaitForAsync();
        await page.Locator(".format-help summary").ClickAsync();
        await AssertAccessibleAsync(page, $"news preview at {width} px");

        // The schedule form with an error.
        await page.GotoAsync(fixture.Site.Url($"/admin/news/{draft}"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
        await page.Locator(".error-summary").WaitForAsync();
        await AssertAccessibleAsync(page, $"schedule with errors at {width} px");

        // Myth and settings forms with errors.
        await page.GotoAsync(fixture.Site.Url("/admin/myths/new"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add myth" }).ClickAsync();
        await page.Locator(".error-summary").WaitForAsync();
        await AssertAccessibleAsync(page, $"myth form with errors at {width} px");

        await page.GotoAsync(fixture.Site.Url("/admin/settings"));
        await page.GetByLabel("Quick exit (web address)").FillAsync("http://not-secure.example");
        await page.GetByLabel("Campaign team's email address").FillAsync("not an address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await page.Locator(".error-summary").WaitForAsync();
        await AssertAccessibleAsync(page, $"settings with errors at {width} px");
        await page.Context.CloseAsync();
    }

    /// <summary>Presses Tab until the focused element matches <paramref name="selector"/>, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, string selector, int limit = 80)
    {
        for (var i = 0; i < limit; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) === true", selector))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached {selector} on {page.Url}.");
    }

    [Fact]
    public async Task Keyboard_WriteAPreviewAndPublishANewsItem_ThenFindItOnTheNewsPage()
    {
        var admin = await StaffAccounts.CreateAsync(fixture.Site, StaffRoles.Admin);
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await StaffAccounts.SignInAsync(page, fixture.Site, admin);
        var title = "A fictional open meeting " + Guid.NewGuid().ToString("N")[..6];

        // From the admin home to the news form, by keyboard alone.
        await TabToAsync(page, "main a[href='/admin/news']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(fixture.Site.Url("/admin/news"));
        await TabToAsync(page, "main a[href='/admin/news/new']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(fixture.Site.Url("/admin/news/new"));

        await TabToAsync(page, "#Input_Title");
        await page.Keyboard.TypeAsync(title);
        await TabToAsync(page, "#Input_Summary");
        await page.Keyboard.TypeAsync("Come and talk about the campaign.");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Input_Body", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync("## What to expect");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("Tea, biscuits and **a friendly chat**.");

        // Preview: the page comes back with the rendered text above the form, which keeps what was typed.
        await TabToAsync(page, "button[formaction*='handler=Preview']");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-preview]").WaitForAsync();
        Assert.Equal("What to expect", await page.Locator("[data-preview] .article-body h4").InnerTextAsync());
        Assert.Equal("a friendly chat", await page.Locator("[data-preview] .article-body strong").InnerTextAsync());
        Assert.Equal(title, await page.Locator("#Input_Title").InputValueAsync());

        // Save and publish.
        await TabToAsync(page, "button[formaction*='handler=Publish']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(new Uri(url).AbsolutePath, "^/admin/news/[0-9]+$"));
        Assert.Contains("is published", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);

        // Follow the link to the public page, and find the item on the news page.
        await TabToAsync(page, "a[data-public-link]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/news/a-fictional-open-meeting-", StringComparison.Ordinal));
        Assert.Equal(title, await page.Locator("h1").InnerTextAsync());
        Assert.Equal("a friendly chat", await page.Locator(".article-body strong").InnerTextAsync());

        await page.GotoAsync(fixture.Site.Url("/news"));
        Assert.Contains(title, await page.Locator("#latest-news ~ .news-list").InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Preview_WorksWithoutJavaScript()
    {
        var admin = await StaffAccounts.CreateAsync(fixture.Site, StaffRoles.Admin);
        var page = await fixture.NewPageAsync(BrowserFixture.Desktop, javaScript: false);
        await StaffAccounts.SignInAsync(page, fixture.Site, admin);
        await page.GotoAsync(fixture.Site.Url("/admin/news/new"));

        await page.GetByLabel("Title").FillAsync("A fictional item, previewed without JavaScript");
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("Plain *emphasis*.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        Assert.Equal("emphasis", await page.Locator("[data-preview] .article-body em").InnerTextAsync());
        Assert.Equal("A fictional item, previewed without JavaScript", await page.Locator("#Input_Title").InputValueAsync());
        await page.Context.CloseAsync();
    }
}
