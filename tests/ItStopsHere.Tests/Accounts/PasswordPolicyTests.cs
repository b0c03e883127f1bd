using System.Net;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Accounts;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Accounts;

public class PasswordPolicyTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private async Task<IdentityResult> ValidateAsync(string password, string email = "sam.taylor@example.ac.uk")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = email, Email = email };
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            errors.AddRange(result.Errors);
        }

        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    [Theory]
    [InlineData("short pass")]
    [InlineData("elevenchars")]
    public async Task Password_ShorterThan12_IsRejected(string password)
    {
        var result = await ValidateAsync(password);

        Assert.Contains(result.Errors, e => e.Code == nameof(IdentityErrorDescriber.PasswordTooShort));
        Assert.Contains(result.Errors, e => e.Description.Contains("at least 12 characters", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("Password2024!")]
    [InlineData("P@ssw0rd123456")]
    [InlineData("qwertyuiop123")]
    [InlineData("123456789012")]
    [InlineData("iloveyou1234!")]
    [InlineData("Correct Horse Battery Staple")]
    [InlineData("ItStopsHere2026")]
    [InlineData("kingscollegelondon")]
    public async Task Password_Common_IsRejected(string password)
    {
        var result = await ValidateAsync(password);

        Assert.Contains(result.Errors, e => e.Code == CommonPasswordValidator.TooCommonCode);
    }

    [Fact]
    public async Task Password_ContainingOwnEmailName_IsRejected()
    {
        var result = await ValidateAsync("sam.taylor-is-great", "sam.taylor@example.ac.uk");

        Assert.Contains(result.Errors, e => e.Code == CommonPasswordValidator.ContainsNameCode);
    }

    [Fact]
    public async Task Password_OneCharacterRepeated_IsRejected()
    {
        var result = await ValidateAsync("zzzzzzzzzzzzzzzz");

        Assert.False(result.Succeeded);
    }

    [Theory]
    [InlineData("violet harbour kettle marathon")]
    [InlineData("Tr0ub4dor&3-staple-lamp")]
    [InlineData("mango quietly orbits 42 clouds")]
    public async Task Password_LongAndUncommon_IsAccepted(string password)
    {
        var result = await ValidateAsync(password);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [Fact]
    public void CommonList_IsEmbeddedAndSmall()
    {
        Assert.InRange(CommonPasswordValidator.ListSize, 100, 5000);
    }

    [Fact]
    public async Task Post_ChangePassword_ToCommonPassword_RendersErrorBesideNewPassword()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = await factory.SignedInClientAsync(user);

        using var response = await client.SubmitFormAsync("/account/change-password", new Dictionary<string, string?>
        {
            ["Input.CurrentPassword"] = user.Password,
            ["Input.NewPassword"] = "Password2024!",
            ["Input.ConfirmPassword"] = "Password2024!",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await response.ReadHtmlAsync();
        Assert.Contains("too common", document.QuerySelector("#Input_NewPassword-error").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ChangePassword_TooShort_RendersError()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = await factory.SignedInClientAsync(user);

        using var response = await client.SubmitFormAsync("/account/change-password", new Dictionary<string, string?>
        {
            ["Input.CurrentPassword"] = user.Password,
            ["Input.NewPassword"] = "tiny words",
            ["Input.ConfirmPassword"] = "tiny words",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at least 12 characters", (await response.ReadHtmlAsync()).QuerySelector("#Input_NewPassword-error").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ChangePassword_WrongCurrentPassword_RendersErrorBesideIt()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = await factory.SignedInClientAsync(user);

        using var response = await client.SubmitFormAsync("/account/change-password", new Dictionary<string, string?>
        {
            ["Input.CurrentPassword"] = "not my password",
            ["Input.NewPassword"] = "amber lantern orchard puzzle",
            ["Input.ConfirmPassword"] = "amber lantern orchard puzzle",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("current password is not right", (await response.ReadHtmlAsync()).QuerySelector("#Input_CurrentPassword-error").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ChangePassword_MismatchedConfirmation_RendersError()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = await factory.SignedInClientAsync(user);

        using var response = await client.SubmitFormAsync("/account/change-password", new Dictionary<string, string?>
        {
            ["Input.CurrentPassword"] = user.Password,
            ["Input.NewPassword"] = "amber lantern orchard puzzle",
            ["Input.ConfirmPassword"] = "amber lantern orchard puzzles",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not the same", (await response.ReadHtmlAsync()).QuerySelector("#Input_ConfirmPassword-error").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ChangePassword_Valid_ChangesItKeepsThisSessionAndAudits()
    {
        var user = await factory.CreateUserAsync(StaffRoles.Moderator);
        var client = await factory.SignedInClientAsync(user);
        var otherSession = await factory.SignedInClientAsync(user);
        const string NewPassword = "amber lantern orchard puzzle";

        using var response = await client.SubmitFormAsync("/account/change-password", new Dictionary<string, string?>
        {
            ["Input.CurrentPassword"] = user.Password,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetHtmlAsync("/account/change-password");
        Assert.Contains("Your password has been changed", page.QuerySelector("[role=status]").Text(), StringComparison.Ordinal);
        using var other = await otherSession.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        await factory.SignedInClientAsync(user with { Password = NewPassword });
        var entry = Assert.Single(await factory.AuditFor(user.Id), e => e.Action == AuditActions.PasswordChanged);
        Assert.Equal(user.Email, entry.ActorName);
        Assert.Null(entry.Details);
    }
}
