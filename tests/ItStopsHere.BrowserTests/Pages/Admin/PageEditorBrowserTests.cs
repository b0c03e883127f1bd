using ItStopsHere.Web.Data;
using Microsoft.Playwright;
using ItStopsHere.BrowserTests.Support;

namespace ItStopsHere.BrowserTests.Pages.Admin;

/// <summary>
/// The page editor (issue 16) in a real browser: no axe violations at phone and desktop widths, and an
/// Editor can edit, preview and publish with the keyboard alone. The site is shared with other browser
/// tests, so the edit only adds a sentence at the end of one page.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PageEditorBrowserTests(BrowserFixture fixture)
{
    public static TheoryData<int> Widths() => new() { BrowserFixture.Phone.Width, BrowserFixture.Desktop.Width };

    /// <summary>Presses Tab until the element matching <paramref name="isTarget"/> (a JS predicate on the focused element) has focus.</summary>
    private static async Task TabToAsync(IPage page, string isTarget, string what)
    {
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>($"() => {{ const e = document.activeElement; return !!e && ({isTarget}); }}"))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached {what}");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task PageEditor_ListEditAndPreview_HaveNoAxeViolations(int width)
    {
        var editor = await StaffAccounts.CreateAsync(fixture.Site, StaffRoles.Editor);
        var page = await fixture.NewPageAsync((width, 900));
        await StaffAccounts.SignInAsync(page, fixture.Site, editor);

        await page.GotoAsync(fixture.Site.Url("/admin"));
        await Axe.AssertNoViolationsAsync(page, $"on the Editor's admin home at {width} px");
        await page.GotoAsync(fixture.Site.Url("/admin/pages"));
        await Axe.AssertNoViolationsAsync(page, $"on the page list at {width} px");
        await page.GotoAsync(fixture.Site.Url("/admin/pages/consent"));
        await Axe.AssertNoViolationsAsync(page, $"on the editor at {width} px");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await page.Locator("[data-preview]").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, $"on the preview at {width} px");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await page.Locator("[data-error-summary]").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, $"on the editor with errors at {width} px");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Editor_EditsPreviewsAndPublishes_WithTheKeyboardAlone()
    {
        var editor = await StaffAccounts.CreateAsync(fixture.Site, StaffRoles.Editor);
        var page = await fixture.NewPageAsync();
        await StaffAccounts.SignInAsync(page, fixture.Site, editor);
        await page.GotoAsync(fixture.Site.Url("/admin/pages/what-is-sexual-harassment"));
        var sentence = $"Keyboard check {Guid.NewGuid().ToString("N")[..6]}: this sentence was added with the keyboard alone.";

        await TabToAsync(page, "e.id === 'Input_Body'", "the text box");
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync(sentence);
        await TabToAsync(page, "e.id === 'Input_ChangeNote'", "What changed");
        await page.Keyboard.TypeAsync("Added a sentence at the end");
        await TabToAsync(page, "e.textContent.trim() === 'Preview'", "the Preview button");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-preview]").WaitForAsync();
        Assert.Contains(sentence, await page.Locator("[data-preview]").InnerTextAsync(), StringComparison.Ordinal);

        await TabToAsync(page, "e.textContent.trim() === 'Publish now'", "the Publish now button");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[role=status]").WaitForAsync();
        Assert.Contains("is published", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync(fixture.Site.Url("/what-is-sexual-harassment"));
        Assert.Contains(sentence, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
