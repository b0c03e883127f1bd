using System.Net;
using ItStopsHere.Tests.Email;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Email;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Tests.Signing;

/// <summary>Signing, the thank-you email and the personal manage link, against a real SMTP server on loopback.</summary>
public class SignerEmailTests
{
    [Fact]
    public async Task Sign_ThankYouEmailArrives_WithManageLinkThatOpensTheSignature()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var site = SignerSite.For(smtp);
        var client = site.CreateBrowserLikeClient();

        await client.SignAndGetThankYouPathAsync("Sam.Thanks@example.ac.uk", "Sam Thanksworth");
        var mail = await smtp.WaitForMessageAsync(m => m.IsTo("Sam.Thanks@example.ac.uk"));

        Assert.Equal("Thank you for signing the It Stops Here pledge", mail.Message.Subject);
        Assert.Contains("You are signature 1 on the It Stops Here pledge.", mail.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Sam T.", mail.Message.TextBody, StringComparison.Ordinal);
        var link = SignerSite.LinkIn(mail, "/pledge/manage");
        var token = SignerSite.TokenOf(link);
        Assert.True(token.Length >= 22, "at least 128 bits"); // 43 base64url characters = 256 bits

        var stored = await site.SignatureByEmailAsync("sam.thanks@example.ac.uk");
        Assert.NotNull(stored);
        Assert.Equal(SignerSite.Sha256Hex(token), stored.ManageTokenHash); // only the hash is kept
        var outbox = await site.WithDbAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync());
        var row = Assert.Single(outbox);
        Assert.Equal(($"signature:{stored.Id}", EmailTemplates.ThankYouKind), (row.Reference, row.Kind));

        using var page = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.CacheControl?.NoStore, "no-store");
        var html = await page.ReadHtmlAsync();
        var text = SignerSite.MainText(html);
        Assert.Contains("You are signature 1.", text, StringComparison.Ordinal);
        Assert.Contains("Sam T.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("example.ac.uk", text.Replace(EmailSite.ContactAddress, "", StringComparison.Ordinal), StringComparison.Ordinal);
        // The token travels in the query string only, never in a logged path.
        Assert.DoesNotContain(site.Logs.Lines, m => m.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ManageLink_ChangeDisplayThenWithdraw_UpdatesCountFeedAndLiveStream()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var site = SignerSite.For(smtp);
        var client = site.CreateBrowserLikeClient();
        await client.SignAndGetThankYouPathAsync("other.signer@example.ac.uk", "Olga Other");
        await client.SignAndGetThankYouPathAsync("wendy.w@example.ac.uk", "Wendy Withdrawer");
        var link = SignerSite.LinkIn(await smtp.WaitForMessageAsync(m => m.IsTo("wendy.w@example.ac.uk")), "/pledge/manage");
        Assert.Equal(2, site.Feed().Current.Count);

        // GET is safe: fetching the link (as a mail scanner would) changes nothing.
        var page = await client.GetHtmlAsync(link);
        await client.GetHtmlAsync(link);
        Assert.Equal(NameDisplay.FirstNameAndInitial, (await site.SignatureByEmailAsync("wendy.w@example.ac.uk"))!.NameDisplay);

        using (var changed = await client.SubmitHandlerAsync(page, "display", [new("NameDisplay", "full-name")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
            Assert.Equal(link, changed.Headers.Location?.OriginalString);
        }

        Assert.Contains(site.Feed().Current.Latest, s => s.DisplayName == "Wendy Withdrawer");
        Assert.DoesNotContain(site.Feed().Current.Latest, s => s.DisplayName == "Wendy W.");
        Assert.Equal(2, site.Feed().Current.Count);
        page = await client.GetHtmlAsync(link);
        Assert.Contains("Saved.", SignerSite.MainText(page), StringComparison.Ordinal);
        Assert.Contains("Wendy Withdrawer", SignerSite.MainText(page), StringComparison.Ordinal);

        using var live = await LiveEvents.OpenAsync(site.CreateClient());
        using (var withdrawn = await client.SubmitHandlerAsync(page, "withdraw"))
        {
            Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
            Assert.Equal("/pledge/withdrawn", withdrawn.Headers.Location?.OriginalString);
        }

        var removed = await live.NextOfTypeAsync("removed");
        Assert.Contains("2", removed.Data, StringComparison.Ordinal);
        Assert.Equal(1, site.Feed().Current.Count);
        Assert.DoesNotContain(site.Feed().Current.Latest, s => s.Number == 2);
        Assert.Null(await site.SignatureByEmailAsync("wendy.w@example.ac.uk"));
        Assert.Equal(0, await site.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == "wendy.w@example.ac.uk")));
        var done = SignerSite.MainText(await client.GetHtmlAsync("/pledge/withdrawn"));
        Assert.Contains("We have deleted your name, your email address", done, StringComparison.Ordinal);

        using var again = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var audit = Assert.Single(await site.AllAuditAsync(), a => a.Action == "signature.withdrawn");
        Assert.Equal("2", audit.RecordId);
        Assert.DoesNotContain("@", $"{audit.Details}{audit.ActorName}", StringComparison.Ordinal);
        Assert.DoesNotContain("Wendy", $"{audit.Details}{audit.ActorName}", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task ManageLink_UnknownToken_FriendlyNotFoundThatSaysNothing(string token)
    {
        await using var site = SignerSite.For(null);
        var client = site.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/pledge/manage?token=" + token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.ReadHtmlAsync();
        Assert.Equal("This link does not work", page.QuerySelector("h1").Text());
        Assert.Empty(page.QuerySelectorAll("main form"));
    }

    [Fact]
    public async Task RepeatSigning_SamePage_EmailSaysSoWithFreshLink_AndIsLimitedPerDay()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var site = SignerSite.For(smtp);
        var client = site.CreateBrowserLikeClient();
        const string address = "repeat.person@example.ac.uk";

        var firstPage = SignerSite.MainText(await client.GetHtmlAsync(await client.SignAndGetThankYouPathAsync(address, "Rita Repeat")));
        var first = await smtp.WaitForMessageAsync(m => m.IsTo(address));
        var firstLink = SignerSite.LinkIn(first, "/pledge/manage");

        var repeatPage = SignerSite.MainText(await client.GetHtmlAsync(await client.SignAndGetThankYouPathAsync(" Repeat.Person@example.ac.uk ", "Rita Repeat")));
        Assert.Equal(firstPage, repeatPage);
        var repeat = await smtp.WaitForMessageAsync(m => m.IsTo(address) && (m.Message.Subject ?? "").Contains("already", StringComparison.Ordinal));
        Assert.Equal("You have already signed the It Stops Here pledge", repeat.Message.Subject);
        Assert.Contains("nothing has changed", repeat.Message.TextBody, StringComparison.Ordinal);
        var freshLink = SignerSite.LinkIn(repeat, "/pledge/manage");
        Assert.NotEqual(firstLink, freshLink);
        using (var old = await client.GetAsync(firstLink))
        {
            Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        }

        using (var fresh = await client.GetAsync(freshLink))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        Assert.Single(await site.SignaturesAsync());
        Assert.Equal(1, site.Feed().Current.Count);

        // Three repeat emails a day at most: the form cannot be used to flood someone's inbox.
        for (var i = 0; i < 4; i++)
        {
            await client.SignAndGetThankYouPathAsync(address, "Rita Repeat");
        }

        await Eventually.TrueAsync(async () =>
            await site.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Status != OutboxStatus.Sent)) == 0);
        var kinds = await site.WithDbAsync(db => db.OutboxMessages.Select(m => m.Kind).ToListAsync());
        Assert.Equal(1, kinds.Count(k => k == EmailTemplates.ThankYouKind));
        Assert.Equal(3, kinds.Count(k => k == EmailTemplates.AlreadySignedKind));
        // The privacy notice promises the same cap.
        Assert.Equal("3", (await client.GetHtmlAsync("/privacy")).QuerySelector("#repeat-emails-per-day").Text());
    }

    [Fact]
    public async Task Sign_WhileSmtpServerIsDown_Succeeds_AndTheEmailArrivesOnceItIsBack()
    {
        await using var smtp = SmtpTestServer.Create(); // not listening yet
        await using var site = SignerSite.For(smtp);
        var client = site.CreateBrowserLikeClient();

        await client.SignAndGetThankYouPathAsync("patient.person@example.ac.uk", "Pat Patient");
        Assert.Equal(1, site.Feed().Current.Count);
        await Eventually.TrueAsync(async () =>
            await site.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Attempts >= 1 && m.Status == OutboxStatus.Pending)));
        // While it waits, the row holds the template's values, not written-out bodies: composing them is
        // the sender's work, not the signing's.
        var waiting = await site.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync());
        Assert.Equal((null, null), (waiting.TextBody, waiting.HtmlBody));
        Assert.Contains("/pledge/manage?token=", waiting.TemplateData, StringComparison.Ordinal);
        Assert.Equal("Thank you for signing the It Stops Here pledge", waiting.Subject);

        await smtp.StartAsync();
        var mail = await smtp.WaitForMessageAsync(m => m.IsTo("patient.person@example.ac.uk"), TimeSpan.FromSeconds(30));
        Assert.Contains("/pledge/manage?token=", mail.Message.TextBody, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () =>
            await site.WithDbAsync(db => db.OutboxMessages.AllAsync(m => m.Status == OutboxStatus.Sent)));
        Assert.Single(smtp.Received);
        // The personal link does not outlive the sending.
        Assert.Null((await site.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync())).TemplateData);
    }

    [Fact]
    public void ManageToken_IsRandomAndStoredOnlyAsItsHash()
    {
        var (token, hash) = ItStopsHere.Web.Signing.ManageToken.Create();
        var (other, _) = ItStopsHere.Web.Signing.ManageToken.Create();

        Assert.Equal(43, token.Length); // 256 bits, base64url
        Assert.NotEqual(token, other);
        Assert.Equal(SignerSite.Sha256Hex(token), hash);
        Assert.Equal(hash, ItStopsHere.Web.Signing.ManageToken.TryHash(token));
        Assert.Null(ItStopsHere.Web.Signing.ManageToken.TryHash(token + "x"));
        Assert.Null(ItStopsHere.Web.Signing.ManageToken.TryHash(null));
        Assert.DoesNotContain(token, hash, StringComparison.Ordinal);
    }
}
