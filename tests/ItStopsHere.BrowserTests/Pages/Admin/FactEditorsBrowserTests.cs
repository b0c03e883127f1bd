using ItStopsHere.BrowserTests.Support;
using ItStopsHere.Web.Data;
using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Pages.Admin;

/// <summary>
/// The help-line and impact-figure forms (issue 16) in a real browser: no axe violations at phone and
/// desktop widths (lists, forms, a form with errors), and nothing scrolls sideways. Nothing is saved, so
/// the shared site is left as it was.
/// </summary>
[Collection(BrowserCollection.Name)]
public class FactEditorsBrowserTests(BrowserFixture fixture)
{
    public static TheoryData<int> Widths() => new() { BrowserFixture.Phone.Width, BrowserFixture.Desktop.Width };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task HelpLinesAndImpactFigures_ListsAndForms_HaveNoAxeViolations(int width)
    {
        var editor = await StaffAccounts.CreateAsync(fixture.Site, StaffRoles.Editor);
        var page = await fixture.NewPageAsync((width, 900));
        await StaffAccounts.SignInAsync(page, fixture.Site, editor);

        foreach (var path in new[] { "/admin/help-lines", "/admin/help-lines/edit/rape-crisis", "/admin/help-lines/edit", "/admin/impact-figures", "/admin/impact-figures/edit/figure-1", "/help/history", "/impact/history" })
        {
            await page.GotoAsync(fixture.Site.Url(path));
            await Axe.AssertNoViolationsAsync(page, $"on {path} at {width} px");
            var wide = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
            Assert.False(wide, $"{path} scrolls sideways at {width} px");
        }

        // A form with errors: a phone number with letters, and no "what changed".
        await page.GotoAsync(fixture.Site.Url("/admin/help-lines/edit/rape-crisis"));
        await page.FillAsync("#Input_Phone", "call 0808");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and publish" }).ClickAsync();
        await page.Locator("[data-error-summary]").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, $"on the help-line form with errors at {width} px");
        await page.Context.CloseAsync();
    }
}
