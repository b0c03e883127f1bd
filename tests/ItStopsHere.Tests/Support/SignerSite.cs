using System.Net;
using System.Net.ServerSentEvents;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using ItStopsHere.Tests.Email;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Tests.Support;

/// <summary>A pledge site sending to a real SMTP server on loopback, and helpers to follow the links in its emails.</summary>
public static partial class SignerSite
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>The email site's settings plus the pledge tests' (no too-fast check, generous rate limits).</summary>
    public static SiteFactory For(SmtpTestServer? smtp, bool requireConfirmation = false) =>
        EmailSite.For(smtp)
            .With("Pledge:MinimumFillTime", "00:00:00")
            .With("Pledge:RateLimit:Burst", "100000")
            .With("Pledge:RateLimit:PerMinute", "100000")
            .With("Pledge:RateLimit:PerHour", "1000000")
            .With("Pledge:RequireEmailConfirmation", requireConfirmation ? "true" : "false");

    /// <summary>Signs through the real form; asserts the redirect to the thank-you page and returns its address.</summary>
    public static async Task<string> SignAndGetThankYouPathAsync(this HttpClient client, string email, string name = "Sam Example")
    {
        using var response = await client.SignAsync(PledgeTestData.ValidForm(email, name));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/pledge/thank-you?r=", location, StringComparison.Ordinal);
        return location;
    }

    /// <summary>The site-relative link (path and query) in the email that starts with <paramref name="path"/>.</summary>
    public static string LinkIn(ReceivedEmail email, string path)
    {
        var match = Regex.Match(email.Message.TextBody ?? "", Regex.Escape(EmailSite.SiteUrl + path) + @"\?token=[A-Za-z0-9_-]+");
        Assert.True(match.Success, $"No {path} link in the email.");
        return match.Value[EmailSite.SiteUrl.Length..];
    }

    public static string TokenOf(string link) => link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];

    public static string Sha256Hex(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    public static Task<List<ReceivedEmail>> MessagesToAsync(this SmtpTestServer smtp, string address) =>
        Task.FromResult(smtp.Received.Where(m => m.IsTo(address)).ToList());

    public static Task<Signature?> SignatureByEmailAsync(this SiteFactory site, string email) =>
        site.WithDbAsync(db => db.Signatures.AsNoTracking().SingleOrDefaultAsync(s => s.NormalizedEmail == email.ToLowerInvariant()));

    /// <summary>Submits the form in main whose action names <paramref name="handler"/> on an already-loaded page.</summary>
    public static Task<HttpResponseMessage> SubmitHandlerAsync(this HttpClient client, IHtmlDocument page, string? handler, IEnumerable<KeyValuePair<string, string?>>? values = null)
    {
        var forms = page.QuerySelectorAll("main form").OfType<IHtmlFormElement>().Where(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase));
        var form = handler is null
            ? forms.Single()
            : forms.Single(f => f.Action.Contains("handler=" + handler, StringComparison.OrdinalIgnoreCase));
        return client.SubmitAsync(form, values ?? []);
    }

    /// <summary>The text of main, with whitespace collapsed, for comparing what two pages say.</summary>
    public static string MainText(IHtmlDocument page) =>
        WhitespaceRun().Replace(page.QuerySelector("main")?.TextContent ?? "", " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();
}
