using System.Net;
using ItStopsHere.Tests.Email;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Email;
using ItStopsHere.Web.Privacy;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Tests.Pages.Pledge;

/// <summary>Pledge:RequireEmailConfirmation: nothing counts until the link is followed and the button pressed.</summary>
public class DoubleOptInTests
{
    [Fact]
    public async Task Sign_WithConfirmationRequired_NotCountedUntilConfirmedByPost_NotByGet()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var site = SignerSite.For(smtp, requireConfirmation: true);
        var client = site.CreateBrowserLikeClient();

        var thanks = SignerSite.MainText(await client.GetHtmlAsync(await client.SignAndGetThankYouPathAsync("cora.confirm@example.ac.uk", "Cora Confirmer")));
        Assert.Contains("Now check your email.", thanks, StringComparison.Ordinal);
        Assert.DoesNotContain("You are signature", thanks, StringComparison.Ordinal);

        var request = await smtp.WaitForMessageAsync(m => m.IsTo("cora.confirm@example.ac.uk"));
        Assert.Equal("Please confirm your signature on the It Stops Here pledge", request.Message.Subject);
        var confirmLink = SignerSite.LinkIn(request, "/pledge/confirm");

        // Never counted or shown while unconfirmed.
        Assert.Equal(SignatureStatus.Unconfirmed, (await site.SignatureByEmailAsync("cora.confirm@example.ac.uk"))!.Status);
        Assert.Equal(0, site.Feed().Current.Count);
        Assert.DoesNotContain("Cora", SignerSite.MainText(await client.GetHtmlAsync("/pledge/signatures")), StringComparison.Ordinal);
        Assert.DoesNotContain("Cora", SignerSite.MainText(await client.GetHtmlAsync("/pledge")), StringComparison.Ordinal);

        // A mail scanner's GET confirms nothing.
        var landing = await client.GetHtmlAsync(confirmLink);
        await client.GetHtmlAsync(confirmLink);
        Assert.Equal("Confirm your signature", landing.QuerySelector("h1").Text());
        Assert.Equal(SignatureStatus.Unconfirmed, (await site.SignatureByEmailAsync("cora.confirm@example.ac.uk"))!.Status);
        Assert.Equal(0, site.Feed().Current.Count);

        using (var confirmed = await client.SubmitHandlerAsync(landing, null))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
            var page = SignerSite.MainText(await client.GetHtmlAsync(confirmed.Headers.Location!.OriginalString));
            Assert.Contains("You are signature 1", page, StringComparison.Ordinal);
        }

        var stored = await site.SignatureByEmailAsync("cora.confirm@example.ac.uk");
        Assert.Equal((SignatureStatus.Published, 1L), (stored!.Status, stored.Number));
        Assert.Equal(1, site.Feed().Current.Count);
        Assert.Contains(site.Feed().Current.Latest, s => s.DisplayName == "Cora C.");

        // The thank-you follows, with a manage link; the confirmation link is spent.
        var thankYou = await smtp.WaitForMessageAsync(m => m.IsTo("cora.confirm@example.ac.uk") && m.Message.Subject == "Thank you for signing the It Stops Here pledge");
        using (var manage = await client.GetAsync(SignerSite.LinkIn(thankYou, "/pledge/manage")))
        {
            Assert.Equal(HttpStatusCode.OK, manage.StatusCode);
        }

        using var spent = await client.GetAsync(confirmLink);
        Assert.Equal(HttpStatusCode.NotFound, spent.StatusCode);
    }

    [Fact]
    public async Task RepeatSigning_Unconfirmed_ResendsTheLinkAtMostThreeTimes()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var site = SignerSite.For(smtp, requireConfirmation: true).With("Pledge:RepeatEmailsPerDay", "10");
        var client = site.CreateBrowserLikeClient();

        var first = SignerSite.MainText(await client.GetHtmlAsync(await client.SignAndGetThankYouPathAsync("again@example.ac.uk")));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(first, SignerSite.MainText(await client.GetHtmlAsync(await client.SignAndGetThankYouPathAsync("again@example.ac.uk"))));
        }

        var kinds = await site.WithDbAsync(db => db.OutboxMessages.Select(m => m.Kind).ToListAsync());
        Assert.Equal(4, kinds.Count(k => k == EmailTemplates.ConfirmationKind)); // the first and three re-sends
        Assert.Single(await site.SignaturesAsync());
        Assert.Equal(0, site.Feed().Current.Count);
    }

    [Fact]
    public async Task UnconfirmedSignatures_ExpireAfterConfiguredDays_ConfirmedOnesStay()
    {
        await using var site = SignerSite.For(null, requireConfirmation: true).With("Pledge:UnconfirmedExpiryDays", "7");
        var writer = site.Writer();
        var now = DateTimeOffset.UtcNow;
        await writer.AddAsync(PledgeTestData.Signature("stale@example.ac.uk", status: SignatureStatus.Unconfirmed, signedAt: now.AddDays(-8)), CancellationToken.None);
        await writer.AddAsync(PledgeTestData.Signature("fresh@example.ac.uk", status: SignatureStatus.Unconfirmed, signedAt: now.AddDays(-6)), CancellationToken.None);
        await writer.AddAsync(PledgeTestData.Signature("old.published@example.ac.uk", signedAt: now.AddDays(-60)), CancellationToken.None);
        var stale = await site.SignatureByEmailAsync("stale@example.ac.uk");

        var report = await site.Services.RunRetentionJobsAsync();

        Assert.True(report.Succeeded);
        Assert.Equal(1, report.Jobs.Single(j => j.Job == "unconfirmed-signatures").Deleted);
        Assert.Null(await site.SignatureByEmailAsync("stale@example.ac.uk"));
        Assert.NotNull(await site.SignatureByEmailAsync("fresh@example.ac.uk"));
        Assert.NotNull(await site.SignatureByEmailAsync("old.published@example.ac.uk"));
        Assert.Equal(0, await site.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Reference == $"signature:{stale!.Id}")));
        Assert.Equal(1, site.Feed().Current.Count);
    }
}
