using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Email;
using ItStopsHere.Web.Reporting;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Tests.Reporting;

/// <summary>
/// A named reporter's emails through a real SMTP server: sent at once, and once sent the outbox keeps no
/// address, name or link for them (the record would otherwise say, in plain text, who made a report).
/// A pledge email keeps its address until the outbox retention deletes the record, as before.
/// </summary>
public class ReportEmailTests
{
    [Fact]
    public async Task NamedReporterEmail_IsSent_ThenItsOutboxRecordKeepsNoAddress()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var site = EmailSite.For(smtp);
        var pledge = await site.EnqueueThankYouAsync("pledge.signer@example.ac.uk");
        var client = site.CreateBrowserLikeClient();
        var answers = ReportTestSupport.Answers("Email test story");
        answers["Input.Name"] = "Robin Fictional";
        answers["Input.Email"] = "robin.fictional@example.ac.uk";
        answers["Input.PreferredContact"] = "email";
        using (var posted = await client.SubmitAsync(await ReportTestSupport.FormAsync(client, "/report/new?route=named"), answers))
        {
            Assert.Equal("/report/sent", posted.Headers.Location!.OriginalString);
        }

        var id = await site.LatestReportIdAsync();
        var received = await smtp.WaitForMessageAsync(m => m.EnvelopeTo.Contains("robin.fictional@example.ac.uk"));
        Assert.Contains("/report/follow-up?token=", received.Message.TextBody, StringComparison.Ordinal);
        await smtp.WaitForMessageAsync(m => m.EnvelopeTo.Contains("pledge.signer@example.ac.uk"));

        var reference = ReportNotifications.Reference(id);
        OutboxMessage? row = null;
        await Eventually.TrueAsync(async () =>
        {
            row = await site.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Reference == reference && m.Kind == ReportNotifications.ReporterConfirmationKind));
            return row.Status == OutboxStatus.Sent;
        }, what: "the confirmation to be recorded as sent");
        Assert.Equal("", row!.ToAddress);
        Assert.Null(row.ToName);
        Assert.Null(row.TextBody);
        Assert.Null(row.HtmlBody);
        Assert.False(await site.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == "robin.fictional@example.ac.uk")));

        // Other emails keep their record (address, subject, time) for Privacy:SentEmailRetentionDays.
        await Eventually.TrueAsync(async () => (await site.ReadOutboxAsync(pledge.Id)).Status == OutboxStatus.Sent, what: "the pledge email to be sent");
        Assert.Equal("pledge.signer@example.ac.uk", (await site.ReadOutboxAsync(pledge.Id)).ToAddress);
    }
}
