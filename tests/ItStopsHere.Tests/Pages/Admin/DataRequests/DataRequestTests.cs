using System.Net;
using System.Text.Json;
using ItStopsHere.Tests.Email;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Tests.Pages.Admin.DataRequests;

/// <summary>/admin/data-requests: exact look-up, JSON export and erasure, each audited without the address.</summary>
public class DataRequestTests
{
    private const string Path = "/admin/data-requests";

    [Fact]
    public async Task Anonymous_IsSentToSignIn_Moderator_IsForbidden()
    {
        await using var site = SignerSite.For(null);
        using (var anonymous = await site.CreateBrowserLikeClient().GetAsync(Path))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Contains("/account/login", anonymous.Headers.Location?.OriginalString, StringComparison.OrdinalIgnoreCase);
        }

        var moderator = await site.SignedInClientAsync(await site.CreateUserAsync("Moderator"));
        using var forbidden = await moderator.GetAsync(Path);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Find_ExactNormalisedAddressOnly_NoPartialMatches()
    {
        await using var site = SignerSite.For(null);
        await site.CreateBrowserLikeClient().SignAndGetThankYouPathAsync("dana.subject@example.ac.uk", "Dana Subject");
        var admin = await site.SignedInClientAsync(await site.CreateUserAsync("Admin"));

        var found = await (await admin.SubmitFormAsync(Path, new Dictionary<string, string?> { ["Input.Email"] = "  Dana.Subject@Example.ac.uk " }, "find")).ReadHtmlAsync();
        var signature = await site.SignatureByEmailAsync("dana.subject@example.ac.uk");
        Assert.Equal(signature!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), found.QuerySelector("[data-signature-id]")?.GetAttribute("data-signature-id"));
        Assert.Contains("Dana Subject", found.QuerySelector("main").Text(), StringComparison.Ordinal);

        var partial = await (await admin.SubmitFormAsync(Path, new Dictionary<string, string?> { ["Input.Email"] = "dana@example.ac.uk" }, "find")).ReadHtmlAsync();
        Assert.NotNull(partial.QuerySelector("[data-no-match]"));
        Assert.DoesNotContain("Dana Subject", partial.QuerySelector("main").Text(), StringComparison.Ordinal);

        using (var empty = await admin.SubmitFormAsync(Path, new Dictionary<string, string?> { ["Input.Email"] = "" }, "find"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            Assert.Contains("Enter the email address the person signed with", (await empty.ReadHtmlAsync()).QuerySelector(".error-summary").Text(), StringComparison.Ordinal);
        }

        using var fragment = await admin.SubmitFormAsync(Path, new Dictionary<string, string?> { ["Input.Email"] = "dana" }, "find");
        Assert.Equal(HttpStatusCode.BadRequest, fragment.StatusCode);
        var error = await fragment.ReadHtmlAsync();
        Assert.StartsWith("Error: ", error.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("Dana Subject", error.QuerySelector("main").Text(), StringComparison.Ordinal);

        var lookups = (await site.AllAuditAsync()).Where(a => a.Action == "signer.looked-up").ToList();
        Assert.Equal(2, lookups.Count);
        Assert.Contains(lookups, a => a.RecordId == signature.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(lookups, a => Assert.DoesNotContain("dana", (a.Details ?? "") + a.RecordId, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Export_GivesJsonWithSignatureAndEmails_Audited()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var site = SignerSite.For(smtp);
        await site.CreateBrowserLikeClient().SignAndGetThankYouPathAsync("exporter@example.ac.uk", "Ezra Exporter");
        await smtp.WaitForMessageAsync(m => m.IsTo("exporter@example.ac.uk"));
        var admin = await site.SignedInClientAsync(await site.CreateUserAsync("Admin"));
        var results = await (await admin.SubmitFormAsync(Path, new Dictionary<string, string?> { ["Input.Email"] = "exporter@example.ac.uk" }, "find")).ReadHtmlAsync();

        using var export = await admin.SubmitHandlerAsync(results, "export");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
        var signature = await site.SignatureByEmailAsync("exporter@example.ac.uk");
        Assert.Equal($"signer-data-{signature!.Id}.json", export.Content.Headers.ContentDisposition?.FileNameStar ?? export.Content.Headers.ContentDisposition?.FileName);
        var json = JsonDocument.Parse(await export.Content.ReadAsStringAsync()).RootElement;
        var exported = json.GetProperty("signature");
        Assert.Equal(signature.Id, exported.GetProperty("id").GetInt64());
        Assert.Equal("Ezra Exporter", exported.GetProperty("name").GetString());
        Assert.Equal("exporter@example.ac.uk", exported.GetProperty("email").GetString());
        Assert.True(exported.GetProperty("hasPersonalLink").GetBoolean());
        var email = Assert.Single(json.GetProperty("emails").EnumerateArray());
        Assert.Equal("pledge-thank-you", email.GetProperty("kind").GetString());
        Assert.DoesNotContain("token=", json.GetRawText(), StringComparison.Ordinal);

        var audit = Assert.Single(await site.AllAuditAsync(), a => a.Action == "signer.data-exported");
        Assert.Equal(signature.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.RecordId);
        Assert.DoesNotContain("exporter", audit.Details ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Erase_AfterConfirmation_DeletesSignatureAndEmails_UpdatesCount_Audited()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var site = SignerSite.For(smtp);
        var signer = site.CreateBrowserLikeClient();
        await signer.SignAndGetThankYouPathAsync("keeper@example.ac.uk", "Kay Keeper");
        await signer.SignAndGetThankYouPathAsync("eraser@example.ac.uk", "Erin Eraser");
        await smtp.WaitForMessageAsync(m => m.IsTo("eraser@example.ac.uk"));
        var signature = await site.SignatureByEmailAsync("eraser@example.ac.uk");
        Assert.Equal(2, site.Feed().Current.Count);
        var admin = await site.SignedInClientAsync(await site.CreateUserAsync("Admin"));
        var results = await (await admin.SubmitFormAsync(Path, new Dictionary<string, string?> { ["Input.Email"] = "eraser@example.ac.uk" }, "find")).ReadHtmlAsync();

        // The first press only asks for confirmation.
        var confirm = await (await admin.SubmitHandlerAsync(results, "erase")).ReadHtmlAsync();
        Assert.NotNull(await site.SignatureByEmailAsync("eraser@example.ac.uk"));
        Assert.Contains("Erase everything for this address?", confirm.QuerySelector("main").Text(), StringComparison.Ordinal);

        using (var erased = await admin.SubmitHandlerAsync(confirm, "eraseconfirmed"))
        {
            Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        }

        Assert.Null(await site.SignatureByEmailAsync("eraser@example.ac.uk"));
        Assert.NotNull(await site.SignatureByEmailAsync("keeper@example.ac.uk"));
        Assert.Equal(0, await site.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == "eraser@example.ac.uk")));
        Assert.Equal(1, await site.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == "keeper@example.ac.uk")));
        Assert.Equal(1, site.Feed().Current.Count);
        Assert.DoesNotContain(site.Feed().Current.Latest, s => s.DisplayName == "Erin E.");
        var status = await admin.GetHtmlAsync(Path);
        Assert.Contains($"signature {signature!.Id}", status.QuerySelector("[role=status]").Text(), StringComparison.Ordinal);

        var audit = Assert.Single(await site.AllAuditAsync(), a => a.Action == "signer.data-erased");
        Assert.Equal(signature.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.RecordId);
        Assert.DoesNotContain("eraser", audit.Details ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Erin", audit.Details ?? "", StringComparison.OrdinalIgnoreCase);
    }
}
