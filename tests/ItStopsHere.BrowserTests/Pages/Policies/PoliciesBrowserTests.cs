using ItStopsHere.BrowserTests.Support;
using ItStopsHere.Web.Data;
using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Pages.Policies;

/// <summary>
/// The policies section and the list editors (issue 16) in a real browser: an Editor adds a policy with its
/// dates through the form, and every new page, public and staff, has no axe violations at phone and desktop
/// widths, in the light and the dark scheme (<see cref="Axe.AssertNoViolationsAsync"/> checks both).
/// </summary>
[Collection(BrowserCollection.Name)]
public class PoliciesBrowserTests(BrowserFixture fixture)
{
    public static TheoryData<int> Widths() => new() { BrowserFixture.Phone.Width, BrowserFixture.Desktop.Width };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task PoliciesAndListEditors_HaveNoAxeViolations(int width)
    {
        var editor = await StaffAccounts.CreateAsync(fixture.Site, StaffRoles.Editor);
        var page = await fixture.NewPageAsync((width, 900));
        await StaffAccounts.SignInAsync(page, fixture.Site, editor);
        var slug = $"browser-policy-{width}";

        await page.GotoAsync(fixture.Site.Url("/admin/policies/new"));
        await Axe.AssertNoViolationsAsync(page, $"on the new-policy form at {width} px");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await page.Locator("[data-error-summary]").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, $"on the new-policy form with errors at {width} px");

        await page.GetByLabel("Title").FillAsync($"Example policy at {width} px (test)");
        await page.GetByLabel("Web address").FillAsync(slug);
        await page.GetByLabel("In effect from").FillAsync("2026-09-01");
        await page.GetByLabel("Last reviewed").FillAsync("2026-09-01");
        await page.GetByLabel("Next review due").FillAsync("2027-09-01");
        await page.GetByLabel("Opening paragraph").FillAsync("What the example policy covers.");
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("## Scope\n\nEveryone who studies or works here.");
        await page.GetByLabel("What changed").FillAsync("Policy added");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await page.WaitForURLAsync($"**/admin/pages/policies/{slug}");
        await Axe.AssertNoViolationsAsync(page, $"on the policy editor at {width} px");

        foreach (var path in new[] { "/admin/policies", "/admin/pages/lists/five-ds", "/admin/pages/lists/quotes", "/admin/pages/lists/supporters", "/admin/pages/take-action" })
        {
            await page.GotoAsync(fixture.Site.Url(path));
            await Axe.AssertNoViolationsAsync(page, $"on {path} at {width} px");
        }

        foreach (var path in new[] { "/policies", $"/policies/{slug}", $"/policies/{slug}/history", $"/policies/{slug}/history/1" })
        {
            var visitor = await fixture.NewPageAsync((width, 900));
            await visitor.GotoAsync(fixture.Site.Url(path));
            await Axe.AssertNoViolationsAsync(visitor, $"on {path} at {width} px");
            await visitor.Context.CloseAsync();
        }

        await page.Context.CloseAsync();
    }
}
