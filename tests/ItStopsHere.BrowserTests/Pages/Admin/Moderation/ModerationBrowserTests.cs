using ItStopsHere.BrowserTests.Pages.Pledge;
using ItStopsHere.BrowserTests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Pages.Admin.Moderation;

[Collection(PledgeBrowserCollection.Name)]
public class ModerationBrowserTests(PledgeBrowserFixture fixture)
{
    public static TheoryData<int> Widths() => new() { BrowserFixture.Phone.Width, BrowserFixture.Desktop.Width };

    private async Task<SignOutcome> AddSignatureAsync(string name, SignatureStatus status = SignatureStatus.Published)
    {
        var email = $"browser.moderation.{Guid.NewGuid():N}@example.ac.uk";
        var writer = fixture.Site.Services.GetRequiredService<SignatureWriter>();
        var outcome = await writer.AddAsync(
            new NewSignature
            {
                Type = SignatoryType.Individual,
                Name = name,
                Affiliation = Affiliation.Student,
                Email = email,
                Actions = PledgeActions.TalkAboutIt,
                NameDisplay = NameDisplay.FullName,
                ClientHash = "browser-test-network",
                InitialStatus = status,
                SignedAt = DateTimeOffset.UtcNow,
            },
            CancellationToken.None);
        Assert.Equal(SignOutcomeKind.Added, outcome.Kind);
        return outcome;
    }

    [Fact]
    public async Task Moderator_HidesASignature_AndAnOpenPledgePageLosesItWithoutAReload()
    {
        var name = $"Hideme {Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
        await AddSignatureAsync(name);
        var watcher = await fixture.NewPageAsync();
        await watcher.GotoAsync(fixture.Site.Url("/pledge"));
        await Assertions.Expect(watcher.Locator("[data-pledge-feed]")).ToContainTextAsync(name);

        var moderator = await fixture.NewPageAsync(BrowserFixture.Phone);
        await StaffAccounts.SignInAsync(moderator, fixture.Site, await StaffAccounts.CreateAsync(fixture.Site, StaffRoles.Moderator));
        await moderator.GotoAsync(fixture.Site.Url("/admin/moderation/signatures?q=" + Uri.EscapeDataString(name)));
        await moderator.GetByRole(AriaRole.Link, new() { Name = $"Hide {name}", Exact = true }).ClickAsync();
        await Assertions.Expect(moderator.Locator("[data-list=will-change]")).ToContainTextAsync(name);
        await moderator.GetByLabel("Spam or advertising").CheckAsync();
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Hide 1 signature" }).ClickAsync();
        await Assertions.Expect(moderator.Locator("[role=status]")).ToContainTextAsync("1 signature was hidden");

        await Assertions.Expect(watcher.Locator("[data-pledge-feed]")).Not.ToContainTextAsync(name, new() { Timeout = 2000 });
        await watcher.Context.CloseAsync();
        await moderator.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task ModerationPages_HaveNoAxeViolations(int width)
    {
        var held = await AddSignatureAsync("Axe Held Example", SignatureStatus.Held);
        await AddSignatureAsync("Axe Published Example");
        var page = await fixture.NewPageAsync((width, 900));
        await StaffAccounts.SignInAsync(page, fixture.Site, await StaffAccounts.CreateAsync(fixture.Site, StaffRoles.Admin));

        var paths = new[]
        {
            "/admin", "/admin/moderation", "/admin/moderation/signatures", "/admin/moderation/signatures?from=not-a-date",
            $"/admin/moderation/confirm?do=hide&id={held.SignatureId}", $"/admin/moderation/confirm?do=approve&id={held.SignatureId}",
            "/admin/moderation/confirm", "/admin/moderation/offline", "/admin/pledge-settings", "/admin/signatures-export",
        };
        foreach (var path in paths)
        {
            await page.GotoAsync(fixture.Site.Url(path));
            await Axe.AssertNoViolationsAsync(page, $"{path} at {width} px");
            var wide = await page.EvaluateAsync<string>(
                "() => document.documentElement.scrollWidth > document.documentElement.clientWidth ? [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth).map(e => e.tagName + '.' + e.className).slice(0, 5).join(', ') : ''");
            Assert.True(wide == "", $"{path} scrolls sideways at {width} px: {wide}");
        }

        // Error states: hiding without a reason, an empty offline batch, invalid settings.
        await page.GotoAsync(fixture.Site.Url($"/admin/moderation/confirm?do=hide&id={held.SignatureId}"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Hide 1 signature" }).ClickAsync();
        await page.Locator(".error-summary").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, $"hide with errors at {width} px");

        await page.GotoAsync(fixture.Site.Url("/admin/moderation/offline"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the total" }).ClickAsync();
        await page.Locator(".error-summary").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, $"offline with errors at {width} px");

        await page.GotoAsync(fixture.Site.Url("/admin/pledge-settings"));
        await page.GetByLabel("Pledge goal").FillAsync("none");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await page.Locator(".error-summary").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, $"settings with errors at {width} px");
        await page.Context.CloseAsync();
    }
}
