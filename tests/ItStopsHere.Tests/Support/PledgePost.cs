using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace ItStopsHere.Tests.Support;

/// <summary>
/// The pledge form as a program posts it over HTTP, shared by the tests' <c>StormSigner</c> and the
/// benchmark's <c>PledgeClient</c> (the benchmark compiles this file by a link in its project): the page's
/// cookies kept by hand (the app's cookies are Secure, and <see cref="CookieContainer"/> will not send those
/// over http), the form's hidden fields read with AngleSharp, a valid signing's fields, and what counts
/// as thanked. A form signs once (its one-time form token), so each further signing opens the page again.
/// </summary>
internal static class PledgePost
{
    public const string Path = "/pledge";

    /// <summary>Sends the cookies <paramref name="page"/> set (the antiforgery cookie) with every later request of <paramref name="client"/>.</summary>
    public static void KeepCookies(HttpClient client, HttpResponseMessage page)
    {
        var cookies = page.Headers.TryGetValues("Set-Cookie", out var setCookies) ? setCookies.Select(c => c.Split(';', 2)[0]) : [];
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies));
    }

    /// <summary>The pledge form's hidden fields (antiforgery token, form token), as a browser would post them.</summary>
    public static async Task<List<KeyValuePair<string, string>>> HiddenFieldsAsync(HttpResponseMessage page)
    {
        var document = await new HtmlParser().ParseDocumentAsync(await page.Content.ReadAsStringAsync());
        var form = document.QuerySelector("form.pledge-form") as IHtmlFormElement
            ?? throw new InvalidOperationException("No pledge form on /pledge.");
        var hidden = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Select(input => new KeyValuePair<string, string>(input.Name!, input.Value))
            .ToList();
        return hidden.Any(h => h.Key == "__RequestVerificationToken")
            ? hidden
            : throw new InvalidOperationException("The pledge form has no antiforgery token.");
    }

    /// <summary>A valid individual signing: the form's hidden fields and the visible fields as a person fills them in.</summary>
    public static FormUrlEncodedContent Signing(IEnumerable<KeyValuePair<string, string>> hidden, string email, string name,
        string affiliation = "staff", string action = "report-and-support", string nameDisplay = "hidden") =>
        new(new List<KeyValuePair<string, string>>(hidden)
        {
            new("Input.SigningAs", "individual"),
            new("Input.Name", name),
            new("Input.Affiliation", affiliation),
            new("Input.Email", email),
            new("Input.Actions", action),
            new("Input.NameDisplay", nameDisplay),
            new("Input.Website", ""),
        });

    /// <summary>Thanked: the redirect to the thank-you page, sent only once the signature is committed.</summary>
    public static bool IsThanked(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location?.OriginalString.StartsWith("/pledge/thank-you", StringComparison.Ordinal) == true;
}
