using System.Net;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;

namespace ItStopsHere.Tests.Pages.Admin.Users;

/// <summary>Giving and taking the case roles (Case manager, Adviser) at /admin/users/{id}, and where case staff land.</summary>
public class CaseRoleTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private static async Task<HttpResponseMessage> PostCaseRolesAsync(HttpClient client, string userId, params string[] roles)
    {
        var page = await client.GetHtmlAsync($"/admin/users/{userId}");
        var form = page.QuerySelectorAll("main form").OfType<AngleSharp.Html.Dom.IHtmlFormElement>().Single(f => f.Action.Contains("handler=CaseRoles", StringComparison.Ordinal));
        foreach (var box in form.QuerySelectorAll("input[type=checkbox]").OfType<AngleSharp.Html.Dom.IHtmlInputElement>())
        {
            box.IsChecked = roles.Contains(box.Value);
        }

        return await client.SubmitAsync(form, []);
    }

    [Fact]
    public async Task Admin_GivesEitherOrBothCaseRoles_BesideTheMainRole_Audited()
    {
        var (_, admin) = await factory.StaffAsync(StaffRoles.Admin);
        var moderator = await factory.CreateUserAsync(StaffRoles.Moderator);

        using (var both = await PostCaseRolesAsync(admin, moderator.Id, StaffRoles.CaseManager, StaffRoles.Adviser))
        {
            Assert.Equal(HttpStatusCode.Redirect, both.StatusCode);
        }

        Assert.Equal([StaffRoles.Adviser, StaffRoles.CaseManager, StaffRoles.Moderator], (await factory.RolesOfAsync(moderator.Id)).Order());
        var page = await admin.GetHtmlAsync($"/admin/users/{moderator.Id}");
        Assert.Equal("Case manager, Adviser", page.QuerySelector("[data-case-roles]")!.TextContent);
        Assert.Equal("Moderator", page.QuerySelector("[data-role]")!.TextContent);
        Assert.All(page.QuerySelectorAll("input[name='CaseRolesInput.CaseRoles']").OfType<AngleSharp.Html.Dom.IHtmlInputElement>(), box => Assert.True(box.IsChecked));

        // Changing the main role keeps the case roles.
        using (var promoted = await admin.SubmitFormAsync($"/admin/users/{moderator.Id}", new Dictionary<string, string?> { ["RoleInput.Role"] = "Admin" }, handler: "Role"))
        {
            Assert.Equal(HttpStatusCode.Redirect, promoted.StatusCode);
        }

        Assert.Equal([StaffRoles.Admin, StaffRoles.Adviser, StaffRoles.CaseManager], (await factory.RolesOfAsync(moderator.Id)).Order());

        using (var oneLeft = await PostCaseRolesAsync(admin, moderator.Id, StaffRoles.Adviser))
        {
            Assert.Equal(HttpStatusCode.Redirect, oneLeft.StatusCode);
        }

        Assert.Equal([StaffRoles.Admin, StaffRoles.Adviser], (await factory.RolesOfAsync(moderator.Id)).Order());
        var audit = await factory.AuditFor(moderator.Id);
        Assert.Contains(audit, e => e.Action == AuditActions.CaseRoleGranted && e.Details!.Contains("CaseManager given; Adviser given", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == AuditActions.CaseRoleGranted && e.Details!.Contains("CaseManager taken away", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CaseRoles_AnAccountKeepsARole_AndOnlyCaseRolesAreAccepted()
    {
        var (_, admin) = await factory.StaffAsync(StaffRoles.Admin);
        var adviser = await factory.CreateUserAsync(StaffRoles.Adviser);

        using (var none = await PostCaseRolesAsync(admin, adviser.Id))
        {
            Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
            Assert.Contains("no role left", (await none.ReadHtmlAsync()).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal([StaffRoles.Adviser], await factory.RolesOfAsync(adviser.Id));

        var page = await admin.GetHtmlAsync($"/admin/users/{adviser.Id}");
        var form = page.QuerySelectorAll("main form").OfType<AngleSharp.Html.Dom.IHtmlFormElement>().Single(f => f.Action.Contains("handler=CaseRoles", StringComparison.Ordinal));
        using var forged = await admin.SubmitAsync(form, [new("CaseRolesInput.CaseRoles", StaffRoles.Admin)]);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal([StaffRoles.Adviser], await factory.RolesOfAsync(adviser.Id));
    }

    [Theory]
    [InlineData(StaffRoles.Moderator)]
    [InlineData(StaffRoles.Editor)]
    [InlineData(StaffRoles.CaseManager)]
    [InlineData(StaffRoles.Adviser)]
    public async Task OnlyAdmins_ChangeCaseRoles(string role)
    {
        var (_, client) = await factory.StaffAsync(role);
        var target = await factory.CreateUserAsync(StaffRoles.Moderator);
        var token = (await client.GetHtmlAsync("/account/change-password")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var posted = await client.PostAsync($"/admin/users/{target.Id}?handler=CaseRoles", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("CaseRolesInput.CaseRoles", StaffRoles.Adviser)]));
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal([StaffRoles.Moderator], await factory.RolesOfAsync(target.Id));
    }

    [Theory]
    [InlineData(new[] { StaffRoles.CaseManager }, "/cases")]
    [InlineData(new[] { StaffRoles.Adviser }, "/cases")]
    [InlineData(new[] { StaffRoles.CaseManager, StaffRoles.Adviser }, "/cases")]
    [InlineData(new[] { StaffRoles.Moderator, StaffRoles.Adviser }, "/admin")]
    [InlineData(new[] { StaffRoles.Admin }, "/admin")]
    public async Task SigningIn_LandsOnAPageThePersonMayOpen(string[] roles, string home)
    {
        var (user, _) = await factory.StaffAsync(roles);
        var client = factory.CreateBrowserLikeClient();
        using var signedIn = await client.PostLoginAsync(user.Email, user.Password);
        Assert.Equal(home, signedIn.Headers.Location!.OriginalString);
        using (var landed = await client.GetAsync(home))
        {
            Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        }

        // Their own account pages work whatever their role, and point back to their home.
        var account = await client.GetHtmlAsync("/account/change-password");
        Assert.Equal(home, account.QuerySelector(".breadcrumb a")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/two-factor")).StatusCode);
        var bar = account.QuerySelector(".staff-bar")!;
        Assert.Equal(roles.Any(StaffRoles.AdminArea.Contains), bar.QuerySelector("a[href='/admin']") is not null);
        Assert.Equal(roles.Any(StaffRoles.CaseRoles.Contains), bar.QuerySelector("a[href='/cases']") is not null);

        // Signing in again while signed in goes to the same place.
        using var again = await client.GetAsync("/account/login");
        Assert.Equal(home, again.Headers.Location!.OriginalString);
    }
}
