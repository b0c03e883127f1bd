using System.Net;
using AngleSharp.Html.Dom;

namespace ItStopsHere.Tests.Support;

/// <summary>Signs in as a person would: opens the sign-in page and submits its form.</summary>
public static class StaffSignIn
{
    /// <summary>Posts the real sign-in form and returns the response (not followed).</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(this HttpClient client, string email, string password, string path = "/account/login")
    {
        var page = await client.GetHtmlAsync(path);
        var form = (IHtmlFormElement)page.QuerySelector("main form")!;
        return await client.SubmitAsync(form, new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = password });
    }

    /// <summary>A browser-like client signed in as <paramref name="user"/> (who has no two-factor authentication).</summary>
    public static async Task<HttpClient> SignedInClientAsync(this SiteFactory factory, TestUser user)
    {
        var client = factory.CreateBrowserLikeClient();
        using var response = await client.PostLoginAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // Staff with only a case role start at the case desk; everyone else at the admin home page.
        Assert.Equal(ItStopsHere.Web.Data.StaffRoles.CaseRoles.Contains(user.Role) ? "/cases" : "/admin", response.Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>Submits the form in <c>main</c> whose action ends with <paramref name="handler"/> (or the only form), with values.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client, string path, IDictionary<string, string?>? values = null, string? handler = null)
    {
        var page = await client.GetHtmlAsync(path);
        var forms = page.QuerySelectorAll("main form").OfType<IHtmlFormElement>().Where(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase)).ToList();
        var form = handler is null
            ? forms.First(f => !f.Action.Contains("handler=", StringComparison.Ordinal))
            : forms.Single(f => f.Action.Contains($"handler={handler}", StringComparison.OrdinalIgnoreCase));
        return await client.SubmitAsync(form, values ?? new Dictionary<string, string?>());
    }
}
