using ItStopsHere.BrowserTests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ItStopsHere.BrowserTests.Pages.Pledge;

/// <summary>The signer's manage and confirm pages and the admins' data-request page, in a real browser, checked with axe.</summary>
[Collection(PledgeBrowserCollection.Name)]
public class SignerPagesBrowserTests(PledgeBrowserFixture fixture)
{
    [Fact]
    public async Task ManagePage_IsAccessible_AndChangesDisplayByKeyboard()
    {
        var token = await SignatureWithLinkAsync($"manage.{Guid.NewGuid():N}@example.ac.uk", "Mia Manager", SignatureStatus.Published);
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await page.GotoAsync(fixture.Site.Url("/pledge/manage?token=" + token));

        Assert.Equal("Your signature", await page.Locator("h1").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, "manage page");

        await page.Locator("#NameDisplay-full-name").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save how my name appears" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Saved.");
        await Assertions.Expect(page.Locator(".manage-summary")).ToContainTextAsync("Mia Manager");
        await Axe.AssertNoViolationsAsync(page, "manage page after saving");

        await page.GotoAsync(fixture.Site.Url("/pledge/manage?token=not-a-real-token"));
        Assert.Equal("This link does not work", await page.Locator("h1").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, "link not found");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ConfirmPage_IsAccessible_AndConfirmsOnlyWithTheButton()
    {
        var email = $"confirm.{Guid.NewGuid():N}@example.ac.uk";
        var token = await SignatureWithLinkAsync(email, "Cleo Confirm", SignatureStatus.Unconfirmed);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Site.Url("/pledge/confirm?token=" + token));

        Assert.Equal("Confirm your signature", await page.Locator("h1").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, "confirm page");
        Assert.Equal(SignatureStatus.Unconfirmed, await StatusOfAsync(email));

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my signature" }).ClickAsync();
        await page.WaitForURLAsync("**/pledge/thank-you?r=**");
        await Assertions.Expect(page.Locator(".confirmation")).ToContainTextAsync("You are signature");
        Assert.Equal(SignatureStatus.Published, await StatusOfAsync(email));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DataRequestsPage_IsAccessible_FromSearchToEraseConfirmation()
    {
        var email = $"subject.{Guid.NewGuid():N}@example.ac.uk";
        await SignatureWithLinkAsync(email, "Sol Subject", SignatureStatus.Published);
        var admin = await StaffAccounts.CreateAsync(fixture.Site, StaffRoles.Admin);
        var page = await fixture.NewPageAsync();
        await StaffAccounts.SignInAsync(page, fixture.Site, admin);

        await page.GotoAsync(fixture.Site.Url("/admin/data-requests"));
        await Axe.AssertNoViolationsAsync(page, "data requests");

        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: "));
        await Axe.AssertNoViolationsAsync(page, "data requests with an error");

        await page.GetByLabel("Email address").FillAsync(email.ToUpperInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Sol Subject");
        await Axe.AssertNoViolationsAsync(page, "data requests with a result");

        await page.GetByRole(AriaRole.Button, new() { Name = "Erase…" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Erase everything for this address?");
        await Axe.AssertNoViolationsAsync(page, "erase confirmation");
        await page.Context.CloseAsync();
    }

    /// <summary>A signature with a known personal link, as if its email had been read.</summary>
    private async Task<string> SignatureWithLinkAsync(string email, string name, SignatureStatus status)
    {
        var writer = fixture.Site.Services.GetRequiredService<SignatureWriter>();
        var outcome = await writer.AddAsync(
            new NewSignature
            {
                Type = SignatoryType.Individual,
                Name = name,
                Affiliation = Affiliation.Student,
                Detail = "History",
                Email = email,
                Actions = PledgeActions.TalkAboutIt,
                NameDisplay = NameDisplay.FirstNameAndInitial,
                InitialStatus = status,
                SignedAt = DateTimeOffset.UtcNow,
            },
            CancellationToken.None);
        var (token, hash) = ManageToken.Create();
        await using var scope = fixture.Site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Signatures.Where(s => s.Id == outcome.SignatureId).ExecuteUpdateAsync(s => s.SetProperty(x => x.ManageTokenHash, hash));
        return token;
    }

    private async Task<SignatureStatus> StatusOfAsync(string email)
    {
        await using var scope = fixture.Site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Signatures.Where(s => s.NormalizedEmail == email).Select(s => s.Status).SingleAsync();
    }
}
