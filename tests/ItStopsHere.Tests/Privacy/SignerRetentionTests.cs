using ItStopsHere.Tests.Email;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Commands;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Privacy;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Tests.Privacy;

/// <summary>The retention jobs for what signing stores delete exactly what the privacy notice says, and nothing else.</summary>
public class SignerRetentionTests
{
    [Fact]
    public async Task IpHashJob_DeletesOnlyHashesOlderThanTheNoticeSays()
    {
        await using var site = SignerSite.For(null).With("Privacy:IpHashRetentionDays", "30");
        var now = DateTimeOffset.UtcNow;
        await site.Writer().AddAsync(PledgeTestData.Signature("old@example.ac.uk", "Olive Old", signedAt: now.AddDays(-31)), CancellationToken.None);
        await site.Writer().AddAsync(PledgeTestData.Signature("new@example.ac.uk", "Nina New", signedAt: now.AddDays(-29)), CancellationToken.None);
        var before = await site.SignaturesAsync();

        var report = await site.Services.RunRetentionJobsAsync();

        Assert.Equal(1, report.Jobs.Single(j => j.Job == "ip-hash").Deleted);
        var after = await site.SignaturesAsync();
        Assert.Null(after.Single(s => s.Name == "Olive Old").ClientHash);
        Assert.Equal("hash", after.Single(s => s.Name == "Nina New").ClientHash);
        // Everything else about both signatures is untouched.
        Assert.Equal(
            before.OrderBy(s => s.Id).Select(s => (s.Id, s.Number, s.Status, s.Name, s.Email, s.NormalizedEmail, s.ManageTokenHash, s.SignedAt)),
            after.OrderBy(s => s.Id).Select(s => (s.Id, s.Number, s.Status, s.Name, s.Email, s.NormalizedEmail, s.ManageTokenHash, s.SignedAt)));
        // The privacy notice states the same period.
        var notice = await site.CreateClient().GetHtmlAsync("/privacy");
        Assert.Equal("30 days", notice.QuerySelector("#keep-ip-hash").Text());
    }

    [Fact]
    public async Task SignerEmailJob_AfterCampaignClosePlusRetention_DeletesAddressesAndLinks_KeepsSignaturesAndCount()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var site = SignerSite.For(smtp)
            .With("Campaign:ClosesOn", "2020-01-31")
            .With("Privacy:SignerEmailRetentionAfterCampaignCloseDays", "30");
        var client = site.CreateBrowserLikeClient();
        await client.SignAndGetThankYouPathAsync("kept.sig@example.ac.uk", "Kit Kept");
        var link = SignerSite.LinkIn(await smtp.WaitForMessageAsync(m => m.IsTo("kept.sig@example.ac.uk")), "/pledge/manage");

        var report = await site.Services.RunRetentionJobsAsync();

        Assert.Equal(1, report.Jobs.Single(j => j.Job == "signer-email").Deleted);
        var signature = Assert.Single(await site.SignaturesAsync());
        Assert.Equal((null, null, null), (signature.Email, signature.NormalizedEmail, signature.ManageTokenHash));
        Assert.Equal(("Kit Kept", (long?)1, SignatureStatus.Published), (signature.Name, signature.Number, signature.Status));
        Assert.Equal(1, site.Feed().Current.Count);
        using var dead = await client.GetAsync(link);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, dead.StatusCode);
        var notice = await client.GetHtmlAsync("/privacy");
        Assert.Contains("30 days after the campaign closes, that is on Sunday 1 March 2020", notice.QuerySelector("#keep-signer-email").Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2999-06-30")]
    public async Task SignerEmailJob_BeforeTheDate_DeletesNothing(string? closesOn)
    {
        await using var site = SignerSite.For(null).With("Campaign:ClosesOn", closesOn);
        await site.Writer().AddAsync(PledgeTestData.Signature("still.here@example.ac.uk"), CancellationToken.None);

        var report = await site.Services.RunRetentionJobsAsync();

        Assert.Equal(0, report.Jobs.Single(j => j.Job == "signer-email").Deleted);
        Assert.Equal("still.here@example.ac.uk", Assert.Single(await site.SignaturesAsync()).Email);
    }

    [Fact]
    public async Task RetentionRunCommand_RunsEveryJobAndExits()
    {
        await using var site = SignerSite.For(null);
        await site.Writer().AddAsync(PledgeTestData.Signature("cli@example.ac.uk", signedAt: DateTimeOffset.UtcNow.AddDays(-45)), CancellationToken.None);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["retention", "run"], site.Services, new StringReader(""), output, error);

        Assert.Equal(CommandLine.Succeeded, exit);
        Assert.Equal("", error.ToString());
        var text = output.ToString();
        Assert.Contains("ip-hash: deleted 1", text, StringComparison.Ordinal);
        Assert.Contains("signer-email: deleted 0", text, StringComparison.Ordinal);
        Assert.Contains("unconfirmed-signatures: deleted 0", text, StringComparison.Ordinal);
        Assert.Contains("email-outbox: deleted 0", text, StringComparison.Ordinal);
        Assert.Null(Assert.Single(await site.SignaturesAsync()).ClientHash);
        Assert.NotNull(await site.WithDbAsync(db => db.Signatures.Select(s => s.Email).SingleAsync()));
    }
}
