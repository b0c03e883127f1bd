using System.Net;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Tests.Pages.Admin.Users;

public class UserManagementTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private static Dictionary<string, string?> NewUser(string email, string? role) => new() { ["Input.Email"] = email, ["Input.Role"] = role };

    private static string UniqueEmail(string name) => $"{name}.{Guid.NewGuid():N}@example.ac.uk";

    [Fact]
    public async Task Get_Users_ListsEveryAccountWithRoleAndStatus()
    {
        var admin = await factory.CreateUserAsync(StaffRoles.Admin);
        var moderator = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = await factory.SignedInClientAsync(admin);

        var page = await client.GetHtmlAsync("/admin/users");

        var row = page.QuerySelector($"tr[data-user-id='{moderator.Id}']");
        Assert.Contains(moderator.Email, row.Text(), StringComparison.Ordinal);
        Assert.Contains("Moderator", row.Text(), StringComparison.Ordinal);
        Assert.Contains("Active", row.Text(), StringComparison.Ordinal);
        Assert.Contains("Never", row.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddUser_ShowsOneTimeLink_WhichSetsThePassword_AndWorksOnlyOnce()
    {
        var admin = await factory.CreateUserAsync(StaffRoles.Admin);
        var client = await factory.SignedInClientAsync(admin);
        var email = UniqueEmail("new.moderator");

        using var added = await client.SubmitFormAsync("/admin/users/add", NewUser(email, "Moderator"));

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var details = await client.GetHtmlAsync(added.Headers.Location!.OriginalString);
        Assert.Contains($"{email} has been added as Moderator", details.QuerySelector("[role=status]").Text(), StringComparison.Ordinal);
        var link = new Uri(details.QuerySelector("[data-set-password-link]")!.GetAttribute("value")!);
        Assert.Equal("/account/set-password", link.AbsolutePath);
        // Shown once only.
        var reloaded = await client.GetHtmlAsync(added.Headers.Location!.OriginalString);
        Assert.Null(reloaded.QuerySelector("[data-set-password-link]"));

        var newcomer = factory.CreateBrowserLikeClient();
        var setPage = await newcomer.GetHtmlAsync(link.PathAndQuery);
        Assert.Contains(email, setPage.QuerySelector("main").Text(), StringComparison.Ordinal);
        const string Password = "copper meadow violin sunrise";
        using var set = await newcomer.SubmitFormAsync(link.PathAndQuery, new Dictionary<string, string?> { ["Input.NewPassword"] = Password, ["Input.ConfirmPassword"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);

        var created = (await factory.AllAuditAsync()).Single(e => e.Action == AuditActions.UserAdded && e.Details!.Contains(email, StringComparison.Ordinal));
        await factory.SignedInClientAsync(new TestUser(created.RecordId!, email, Password, "Moderator"));
        Assert.Equal(["Moderator"], await factory.RolesOfAsync(created.RecordId!));

        using var reused = await factory.CreateBrowserLikeClient().GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Equal("This link does not work", (await reused.ReadHtmlAsync()).QuerySelector("h1").Text());

        var entries = await factory.AuditFor(created.RecordId);
        Assert.Equal(admin.Id, created.ActorId);
        Assert.Contains(entries, e => e.Action == AuditActions.PasswordSet && e.ActorId == created.RecordId);
        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;
        Assert.All(await factory.AllAuditAsync(), e => Assert.DoesNotContain(token, e.Details ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SetPassword_WithTamperedToken_IsRefused()
    {
        var invited = await factory.CreateUserAsync(StaffRoles.Moderator, withPassword: false);
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync($"/account/set-password?user={invited.Id}&token=bm90LWEtdG9rZW4");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null((await response.ReadHtmlAsync()).QuerySelector("form input[name='Input.NewPassword']"));
    }

    [Fact]
    public async Task SetPassword_CommonPassword_IsRefusedWithError()
    {
        var admin = await factory.CreateUserAsync(StaffRoles.Admin);
        var client = await factory.SignedInClientAsync(admin);
        using var added = await client.SubmitFormAsync("/admin/users/add", NewUser(UniqueEmail("weak"), "Admin"));
        var link = new Uri((await client.GetHtmlAsync(added.Headers.Location!.OriginalString)).QuerySelector("[data-set-password-link]")!.GetAttribute("value")!);

        using var set = await factory.CreateBrowserLikeClient().SubmitFormAsync(link.PathAndQuery, new Dictionary<string, string?> { ["Input.NewPassword"] = "Password2024!", ["Input.ConfirmPassword"] = "Password2024!" });

        Assert.Equal(HttpStatusCode.BadRequest, set.StatusCode);
        Assert.Contains("too common", (await set.ReadHtmlAsync()).QuerySelector("#Input_NewPassword-error").Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Moderator", "#Input_Email-error", "Enter the new user's email address")]
    [InlineData("not-an-email", "Moderator", "#Input_Email-error", "Enter an email address in the right format")]
    [InlineData("someone@example.ac.uk", null, "#Input_Role-error", "Choose Admin or Moderator")]
    [InlineData("someone@example.ac.uk", "Owner", "#Input_Role-error", "Choose Admin or Moderator")]
    public async Task Post_AddUser_Invalid_RendersErrorWith400(string email, string? role, string errorSelector, string message)
    {
        var admin = await factory.CreateUserAsync(StaffRoles.Admin);
        var client = await factory.SignedInClientAsync(admin);

        using var response = await client.SubmitFormAsync("/admin/users/add", NewUser(email, role));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await response.ReadHtmlAsync();
        Assert.Contains(message, document.QuerySelector(errorSelector).Text(), StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector(".error-summary"));
    }

    [Fact]
    public async Task Post_AddUser_ExistingEmail_RendersError()
    {
        var admin = await factory.CreateUserAsync(StaffRoles.Admin);
        var existing = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = await factory.SignedInClientAsync(admin);

        using var response = await client.SubmitFormAsync("/admin/users/add", NewUser(existing.Email.ToUpperInvariant(), "Admin"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("already a staff account", (await response.ReadHtmlAsync()).QuerySelector("#Input_Email-error").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeRole_MakesModeratorAnAdmin_AndTheirSessionFollows()
    {
        var admin = await factory.CreateUserAsync(StaffRoles.Admin);
        var moderator = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = await factory.SignedInClientAsync(admin);

        using var response = await client.SubmitFormAsync($"/admin/users/{moderator.Id}", new Dictionary<string, string?> { ["RoleInput.Role"] = "Admin" }, handler: "Role");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(["Admin"], await factory.RolesOfAsync(moderator.Id));
        var page = await client.GetHtmlAsync($"/admin/users/{moderator.Id}");
        Assert.Equal("Admin", page.QuerySelector("[data-role]").Text());
        var entry = Assert.Single(await factory.AuditFor(moderator.Id), e => e.Action == AuditActions.UserRoleChanged);
        Assert.Contains("Moderator → Admin", entry.Details, StringComparison.Ordinal);
        Assert.Equal(admin.Email, entry.ActorName);
    }

    [Fact]
    public async Task LastAdmin_CannotDemoteOrRemoveThemselves_ButCanOnceAnotherAdminExists()
    {
        await using var site = new SiteFactory();
        var only = await site.CreateUserAsync(StaffRoles.Admin);
        var client = await site.SignedInClientAsync(only);

        using var demote = await client.SubmitFormAsync($"/admin/users/{only.Id}", new Dictionary<string, string?> { ["RoleInput.Role"] = "Moderator" }, handler: "Role");
        Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);
        Assert.Contains("only active Admin", (await demote.ReadHtmlAsync()).QuerySelector(".error-summary").Text(), StringComparison.Ordinal);

        using var remove = await client.SubmitFormAsync($"/admin/users/{only.Id}/remove");
        Assert.Equal(HttpStatusCode.BadRequest, remove.StatusCode);
        Assert.Contains("only active Admin", (await remove.ReadHtmlAsync()).QuerySelector(".error-summary").Text(), StringComparison.Ordinal);
        Assert.Equal(["Admin"], await site.RolesOfAsync(only.Id));

        // A second Admin who is locked does not count.
        var second = await site.CreateUserAsync(StaffRoles.Admin);
        using var lockSecond = await client.SubmitFormAsync($"/admin/users/{second.Id}", handler: "Lock");
        using var stillRefused = await client.SubmitFormAsync($"/admin/users/{only.Id}", new Dictionary<string, string?> { ["RoleInput.Role"] = "Moderator" }, handler: "Role");
        Assert.Equal(HttpStatusCode.BadRequest, stillRefused.StatusCode);

        using var unlockSecond = await client.SubmitFormAsync($"/admin/users/{second.Id}", handler: "Unlock");
        using var allowed = await client.SubmitFormAsync($"/admin/users/{only.Id}", new Dictionary<string, string?> { ["RoleInput.Role"] = "Moderator" }, handler: "Role");
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Equal("/admin", allowed.Headers.Location?.OriginalString);
        Assert.Equal(["Moderator"], await site.RolesOfAsync(only.Id));
        // Still signed in, now as a Moderator.
        using var home = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        using var users = await client.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
    }

    [Fact]
    public async Task Lock_ThenUnlock_IsAuditedAndRestoresSignIn()
    {
        var admin = await factory.CreateUserAsync(StaffRoles.Admin);
        var moderator = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = await factory.SignedInClientAsync(admin);

        using var locked = await client.SubmitFormAsync($"/admin/users/{moderator.Id}", handler: "Lock");
        Assert.Equal("Locked by an Admin", (await client.GetHtmlAsync($"/admin/users/{moderator.Id}")).QuerySelector("[data-status]").Text());
        using var refused = await factory.CreateBrowserLikeClient().PostLoginAsync(moderator.Email, moderator.Password);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        using var unlocked = await client.SubmitFormAsync($"/admin/users/{moderator.Id}", handler: "Unlock");
        Assert.Equal("Active", (await client.GetHtmlAsync($"/admin/users/{moderator.Id}")).QuerySelector("[data-status]").Text());
        await factory.SignedInClientAsync(moderator);

        var actions = (await factory.AuditFor(moderator.Id)).Select(e => e.Action).ToList();
        Assert.Contains(AuditActions.UserLocked, actions);
        Assert.Contains(AuditActions.UserUnlocked, actions);
    }

    [Fact]
    public async Task Lock_OwnAccount_IsRefused()
    {
        var admin = await factory.CreateUserAsync(StaffRoles.Admin);
        await factory.CreateUserAsync(StaffRoles.Admin);
        var client = await factory.SignedInClientAsync(admin);
        var page = await client.GetHtmlAsync($"/admin/users/{admin.Id}");
        Assert.DoesNotContain(page.QuerySelectorAll("form"), f => f.GetAttribute("action")!.Contains("handler=Lock", StringComparison.Ordinal));

        // Even a hand-made request cannot do it.
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form[action*='handler=Link']")!;
        using var response = await client.PostAsync(
            new Uri($"/admin/users/{admin.Id}?handler=Lock", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", ((AngleSharp.Html.Dom.IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cannot lock your own account", (await response.ReadHtmlAsync()).QuerySelector(".error-summary").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_AfterConfirmation_DeletesAccountAndKeepsAuditTrail()
    {
        var admin = await factory.CreateUserAsync(StaffRoles.Admin);
        var moderator = await factory.CreateUserAsync(StaffRoles.Moderator);
        var moderatorClient = await factory.SignedInClientAsync(moderator);
        var client = await factory.SignedInClientAsync(admin);

        var confirm = await client.GetHtmlAsync($"/admin/users/{moderator.Id}/remove");
        Assert.Contains("cannot be undone", confirm.QuerySelector("main").Text(), StringComparison.Ordinal);
        using var removed = await client.SubmitFormAsync($"/admin/users/{moderator.Id}/remove", new Dictionary<string, string?> { ["Input.Reason"] = "Left the campaign team" });

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null(await factory.FindUserAsync(moderator.Id));
        using var gone = await client.GetAsync($"/admin/users/{moderator.Id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var session = await moderatorClient.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, session.StatusCode);
        var entries = await factory.AuditFor(moderator.Id);
        Assert.Contains(entries, e => e.Action == AuditActions.SignedIn);
        var entry = Assert.Single(entries, e => e.Action == AuditActions.UserRemoved);
        Assert.Contains("Reason: Left the campaign team", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewSetPasswordLink_ReplacesEarlierLink()
    {
        var admin = await factory.CreateUserAsync(StaffRoles.Admin);
        var client = await factory.SignedInClientAsync(admin);
        using var added = await client.SubmitFormAsync("/admin/users/add", NewUser(UniqueEmail("forgetful"), "Moderator"));
        var detailsPath = added.Headers.Location!.OriginalString;
        var first = new Uri((await client.GetHtmlAsync(detailsPath)).QuerySelector("[data-set-password-link]")!.GetAttribute("value")!);

        using var again = await client.SubmitFormAsync(detailsPath, handler: "Link");
        var second = new Uri((await client.GetHtmlAsync(detailsPath)).QuerySelector("[data-set-password-link]")!.GetAttribute("value")!);

        Assert.NotEqual(first, second);
        using var old = await factory.CreateBrowserLikeClient().GetAsync(first.PathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        using var current = await factory.CreateBrowserLikeClient().GetAsync(second.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        var userId = detailsPath.Split('/').Last();
        Assert.Contains(await factory.AuditFor(userId), e => e.Action == AuditActions.UserSetPasswordLinkCreated);
    }

    [Fact]
    public async Task ResetTwoFactor_ByAdmin_TurnsItOffAndIsAudited()
    {
        var admin = await factory.CreateUserAsync(StaffRoles.Admin);
        var moderator = await factory.CreateUserAsync(StaffRoles.Moderator);
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.FindAsync(moderator.Id);
            user!.TwoFactorEnabled = true;
            return await db.SaveChangesAsync();
        });
        var client = await factory.SignedInClientAsync(admin);

        using var response = await client.SubmitFormAsync($"/admin/users/{moderator.Id}", handler: "ResetTwoFactor");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False((await factory.FindUserAsync(moderator.Id))!.TwoFactorEnabled);
        Assert.Contains(await factory.AuditFor(moderator.Id), e => e.Action == AuditActions.UserTwoFactorReset && e.ActorId == admin.Id);
    }
}
