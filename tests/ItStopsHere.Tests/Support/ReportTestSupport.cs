using System.Net;
using AngleSharp.Html.Dom;
using ItStopsHere.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Support;

/// <summary>Makes reports through the real pages, as a person would, and signs in case staff.</summary>
public static class ReportTestSupport
{
    /// <summary>The answers a complete anonymous report posts, with <paramref name="story"/> as the free text.</summary>
    public static Dictionary<string, string?> Answers(string story) => new()
    {
        ["Input.SafeNow"] = "yes",
        ["Input.Categories"] = "verbal",
        ["Input.When"] = "month",
        ["Input.Place"] = "campus",
        ["Input.Relationships"] = "student",
        ["Input.Story"] = story,
        ["Input.Wishes"] = "support",
    };

    /// <summary>Submits an anonymous report and returns the access code the next page shows.</summary>
    public static async Task<string> ReportAnonymouslyAsync(this HttpClient client, string story)
    {
        var form = await FormAsync(client, "/report/new?route=anonymous");
        using var posted = await client.SubmitAsync(form, Answers(story));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/report/code", posted.Headers.Location!.OriginalString);
        var page = await client.GetHtmlAsync("/report/code");
        var code = page.QuerySelector(".access-code").Text();
        Assert.Matches("^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$", code);
        return code;
    }

    public static async Task<HttpResponseMessage> EnterCodeAsync(this HttpClient client, string code)
    {
        var page = await client.GetHtmlAsync("/report/follow-up");
        var form = page.QuerySelectorAll("main form").OfType<IHtmlFormElement>().Single(f => f.Action.Contains("handler=code", StringComparison.Ordinal));
        return await client.SubmitAsync(form, [new("CodeInput.Code", code)]);
    }

    public static async Task<IHtmlFormElement> FormAsync(HttpClient client, string path, string? handler = null)
    {
        var page = await client.GetHtmlAsync(path);
        var forms = page.QuerySelectorAll("main form").OfType<IHtmlFormElement>().Where(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase));
        return handler is null ? forms.First() : forms.Single(f => f.Action.Contains("handler=" + handler, StringComparison.Ordinal));
    }

    /// <summary>A staff member holding <paramref name="roles"/> (the first is their site role), signed in.</summary>
    public static async Task<(TestUser User, HttpClient Client)> StaffAsync(this SiteFactory factory, params string[] roles)
    {
        var user = await factory.CreateUserAsync(roles[0]);
        foreach (var role in roles.Skip(1))
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByIdAsync(user.Id))!, role)).Succeeded);
        }

        return (user, await factory.SignedInClientAsync(user));
    }

    public static async Task<Guid> LatestReportIdAsync(this SiteFactory factory) =>
        await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Reports.OrderByDescending(r => r.CreatedAt).Select(r => r.Id)));
}
