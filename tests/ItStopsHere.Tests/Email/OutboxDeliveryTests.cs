using AngleSharp.Html.Parser;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;

namespace ItStopsHere.Tests.Email;

/// <summary>The outbox against a real SMTP server on loopback.</summary>
public class OutboxDeliveryTests
{
    [Fact]
    public async Task Enqueue_WithSmtpServer_ArrivesWithTextAndHtmlAndHeaders()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var site = EmailSite.For(smtp);

        var row = await site.EnqueueThankYouAsync("alex.quinn@example.ac.uk");
        var received = await smtp.WaitForMessageAsync();

        Assert.Equal(["alex.quinn@example.ac.uk"], received.EnvelopeTo);
        Assert.Equal(EmailSite.FromAddress, received.EnvelopeFrom);
        var message = received.Message;
        var from = Assert.Single(message.From.Mailboxes);
        Assert.Equal(("It Stops Here", EmailSite.FromAddress), (from.Name, from.Address));
        Assert.Equal(EmailSite.ContactAddress, Assert.Single(message.ReplyTo.Mailboxes).Address);
        var to = Assert.Single(message.To.Mailboxes);
        Assert.Equal(("Alex Quinn", "alex.quinn@example.ac.uk"), (to.Name, to.Address));
        Assert.Equal("Thank you for signing the It Stops Here pledge", message.Subject);
        Assert.Equal($"{row.MessageKey:N}@itstopshere.example.ac.uk", message.MessageId);
        Assert.Equal(row.CreatedAt.ToUnixTimeSeconds(), message.Date.ToUnixTimeSeconds());
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Collection(alternative,
            part => Assert.Equal("text/plain", part.ContentType.MimeType),
            part => Assert.Equal("text/html", part.ContentType.MimeType));
        Assert.Contains("You are signature 1,089 on the It Stops Here pledge.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(EmailSite.SampleThankYou.ManageUrl, message.TextBody, StringComparison.Ordinal);

        var html = new HtmlParser().ParseDocument(message.HtmlBody ?? "");
        Assert.Contains(html.QuerySelectorAll("a"), a => a.GetAttribute("href") == EmailSite.SampleThankYou.ManageUrl);
        Assert.All(html.QuerySelectorAll("a[href]"), a => Assert.StartsWith(EmailSite.SiteUrl + "/", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Empty(html.QuerySelectorAll("img, script, link, iframe, form"));

        await Eventually.TrueAsync(async () => (await site.ReadOutboxAsync(row.Id)).Status == OutboxStatus.Sent);
        var stored = await site.ReadOutboxAsync(row.Id);
        Assert.Equal(1, stored.Attempts);
        Assert.NotNull(stored.SentAt);
        Assert.Null(stored.TextBody); // the personal link does not outlive the sending
        Assert.Null(stored.HtmlBody);
        Assert.Null(stored.TemplateData);
        Assert.Null(stored.LeaseExpiresAt);
    }

    [Fact]
    public async Task Enqueue_InCallersTransaction_IsSentAfterCommitAndNeverAfterRollback()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var site = EmailSite.For(smtp);
        var templates = site.Services.GetRequiredService<EmailTemplates>();

        await site.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.EnqueueEmail(new EmailMessage("rolled.back@example.ac.uk", templates.ThankYou(EmailSite.SampleThankYou), "test"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });
        await site.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.EnqueueEmail(new EmailMessage("committed@example.ac.uk", templates.ThankYou(EmailSite.SampleThankYou), "test"));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return 0;
        });

        // With polling set to an hour, only the commit's signal can have woken the sender.
        await smtp.WaitForMessageAsync(m => m.IsTo("committed@example.ac.uk"));
        Assert.DoesNotContain(smtp.Received, m => m.IsTo("rolled.back@example.ac.uk"));
        Assert.Equal(1, await site.WithDbAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task SmtpServerDown_MessageIsRetriedAndDeliveredOnceWhenItComesBack()
    {
        await using var smtp = SmtpTestServer.Create(); // not listening yet
        await using var site = EmailSite.For(smtp).With("Email:Outbox:MaxAttempts", "1000");

        var row = await site.EnqueueThankYouAsync("patient.signer@example.ac.uk");
        await Eventually.TrueAsync(async () => (await site.ReadOutboxAsync(row.Id)).Attempts >= 2, what: "two failed attempts");
        var failing = await site.ReadOutboxAsync(row.Id);
        Assert.NotEqual(OutboxStatus.Sent, failing.Status);
        Assert.NotNull(failing.LastError);

        await smtp.StartAsync();

        await smtp.WaitForMessageAsync(m => m.IsTo("patient.signer@example.ac.uk"));
        await Eventually.TrueAsync(async () => (await site.ReadOutboxAsync(row.Id)).Status == OutboxStatus.Sent);
        Assert.Single(smtp.Received);
        Assert.Contains(site.Logs.Lines, l => l.Contains("failed; next attempt in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppStoppedWhileServerIsSlowToAccept_FinishesTheSend_AndTheNextStartSendsNoDuplicate()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        var databasePath = SiteFactory.NewDatabasePath();
        try
        {
            var first = EmailSite.For(smtp, databasePath);
            var row = await StartSendAndStopMidwayAsync(first, smtp);
            // The first app recorded the server's answer before it stopped (read without starting an app,
            // whose sender would act on what it found).
            await using (var db = EmailSite.OpenDatabase(databasePath))
            {
                Assert.Equal(OutboxStatus.Sent, (await db.OutboxMessages.SingleAsync(m => m.Id == row.Id)).Status);
            }

            await using var second = EmailSite.For(smtp, databasePath);
            await second.EnqueueThankYouAsync("after.restart@example.ac.uk");

            // The second app has sent what was due once the later message arrives: the first is not among it.
            await smtp.WaitForMessageAsync(m => m.IsTo("after.restart@example.ac.uk"));
            Assert.Single(smtp.Received, m => m.IsTo("mid.send@example.ac.uk"));
        }
        finally
        {
            SiteFactory.DeleteDatabase(databasePath);
        }
    }

    private static async Task<OutboxMessage> StartSendAndStopMidwayAsync(SiteFactory site, SmtpTestServer smtp)
    {
        _ = site.Services;
        smtp.HoldAcceptance();
        var row = await site.EnqueueThankYouAsync("mid.send@example.ac.uk");
        await smtp.DataArrived.WaitAsync(Eventually.DefaultTimeout);

        // Stop the app while the server has the whole message but has not yet said "250 OK".
        var stopped = site.DisposeAsync().AsTask();
        await Eventually.TrueAsync(
            () => stopped.IsCompleted || site.Logs.Lines.Any(l => l.Contains("the app is stopping; finishing email", StringComparison.Ordinal)),
            what: "the app to start stopping");
        smtp.ReleaseAcceptance();
        await stopped.WaitAsync(Eventually.DefaultTimeout);
        return row;
    }

    [Fact]
    public async Task ClaimLeftByACrashedProcess_IsSentAfterTheLeaseLapses_WithTheSameMessageId()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var site = EmailSite.For(smtp);
        var now = DateTimeOffset.UtcNow;

        // As a process that died mid-send would leave them: one claim lapsed, one still held.
        var lapsed = await site.EnqueueThankYouAsync("lapsed.claim@example.ac.uk", m =>
        {
            m.Status = OutboxStatus.Sending;
            m.Attempts = 1;
            m.LeaseExpiresAt = now.AddMinutes(-1);
        });
        await site.EnqueueThankYouAsync("held.claim@example.ac.uk", m =>
        {
            m.Status = OutboxStatus.Sending;
            m.Attempts = 1;
            m.LeaseExpiresAt = now.AddHours(1);
        });
        await site.EnqueueThankYouAsync("witness@example.ac.uk");

        var resent = await smtp.WaitForMessageAsync(m => m.IsTo("lapsed.claim@example.ac.uk"));
        await smtp.WaitForMessageAsync(m => m.IsTo("witness@example.ac.uk"));

        Assert.Equal($"{lapsed.MessageKey:N}@itstopshere.example.ac.uk", resent.Message.MessageId);
        await Eventually.TrueAsync(async () => (await site.ReadOutboxAsync(lapsed.Id)).Status == OutboxStatus.Sent);
        Assert.Equal(2, (await site.ReadOutboxAsync(lapsed.Id)).Attempts);
        Assert.DoesNotContain(smtp.Received, m => m.IsTo("held.claim@example.ac.uk"));
    }

    [Fact]
    public async Task RecipientRejectedForGood_IsMarkedFailedAtOnce_WithoutTheAddressInErrorOrLogs()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        smtp.RejectRecipient("no.such.person@example.ac.uk");
        await using var site = EmailSite.For(smtp).With("Serilog:MinimumLevel:Default", "Verbose");

        var rejected = await site.EnqueueThankYouAsync("no.such.person@example.ac.uk");
        await site.EnqueueThankYouAsync("real.person@example.ac.uk");

        await smtp.WaitForMessageAsync(m => m.IsTo("real.person@example.ac.uk"));
        await Eventually.TrueAsync(async () => (await site.ReadOutboxAsync(rejected.Id)).Status == OutboxStatus.Failed);
        var stored = await site.ReadOutboxAsync(rejected.Id);
        Assert.Equal(1, stored.Attempts);
        Assert.NotNull(stored.FailedAt);
        Assert.Null(stored.TextBody);
        Assert.Contains("RecipientNotAccepted", stored.LastError, StringComparison.Ordinal);
        Assert.False(EmailAddresses.ContainsAddress(stored.LastError!), stored.LastError);
        // Logged just after the outcome is committed.
        await Eventually.TrueAsync(() => site.Logs.Lines.Any(l => l.Contains($"Email {rejected.Id} (pledge-thank-you) could not be delivered", StringComparison.Ordinal)));
        Assert.DoesNotContain(site.Logs.Lines, l => l.Contains("no.such.person", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(site.Logs.Lines, l => l.Contains("real.person", StringComparison.OrdinalIgnoreCase));
        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task ServerDownPastTheLastAttempt_MessageIsMarkedFailed()
    {
        await using var smtp = SmtpTestServer.Create(); // never started
        await using var site = EmailSite.For(smtp).With("Email:Outbox:MaxAttempts", "3");

        var row = await site.EnqueueThankYouAsync("unlucky@example.ac.uk");

        await Eventually.TrueAsync(async () => (await site.ReadOutboxAsync(row.Id)).Status == OutboxStatus.Failed);
        var stored = await site.ReadOutboxAsync(row.Id);
        Assert.Equal(3, stored.Attempts);
        Assert.Null(stored.TextBody);
        Assert.Null(stored.HtmlBody);
        await Eventually.TrueAsync(() => site.Logs.Lines.Any(l => l.Contains("will not be retried (after 3 attempt(s))", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task NoSmtpHost_WritesAnEmlFileToTheMailFolder_AndLogsTheFolderNotTheAddress()
    {
        await using var site = EmailSite.For(smtp: null);

        var row = await site.EnqueueThankYouAsync("file.reader@example.ac.uk");

        await Eventually.TrueAsync(() => Directory.Exists(site.MailFolder) && Directory.GetFiles(site.MailFolder, "*.eml").Length == 1,
            what: "an .eml file");
        var file = Assert.Single(Directory.GetFiles(site.MailFolder));
        Assert.DoesNotContain("file.reader", Path.GetFileName(file), StringComparison.OrdinalIgnoreCase);
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("file.reader@example.ac.uk", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal($"{row.MessageKey:N}@itstopshere.example.ac.uk", message.MessageId);
        Assert.NotNull(message.TextBody);
        Assert.NotNull(message.HtmlBody);
        await Eventually.TrueAsync(async () => (await site.ReadOutboxAsync(row.Id)).Status == OutboxStatus.Sent);
        Assert.Contains(site.Logs.Lines, l => l.Contains("written as .eml files to", StringComparison.Ordinal) && l.Contains(site.MailFolder, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EraseRecipient_DeletesEveryMessageToThatAddress_IgnoringCase()
    {
        await using var site = EmailSite.For(smtp: null);
        var later = DateTimeOffset.UtcNow.AddDays(1);
        await site.EnqueueThankYouAsync("withdrawing@example.ac.uk", m => m.NextAttemptAt = later);
        await site.EnqueueThankYouAsync("withdrawing@example.ac.uk", m => m.NextAttemptAt = later);
        var other = await site.EnqueueThankYouAsync("staying@example.ac.uk", m => m.NextAttemptAt = later);

        var found = await site.WithDbAsync(db => db.FindForRecipientAsync("Withdrawing@Example.ac.uk"));
        var erased = await site.WithDbAsync(db => db.EraseRecipientAsync(" WITHDRAWING@example.ac.uk "));

        Assert.Equal(2, found.Count);
        Assert.Equal(2, erased);
        var left = await site.WithDbAsync(db => db.OutboxMessages.Select(m => m.Id).ToListAsync());
        Assert.Equal([other.Id], left);
    }

    [Fact]
    public async Task Enqueue_InvalidAddress_IsRefusedWithoutNamingIt()
    {
        await using var site = EmailSite.For(smtp: null);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => site.EnqueueThankYouAsync("not an address"));

        Assert.DoesNotContain("not an address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_WithImpossibleEmailSettings_FailsSayingWhich()
    {
        await using var site = new SiteFactory().With("Email:Port", "0").With("Email:Username", "mailer");

        var error = Assert.ThrowsAny<Exception>(() => site.Services);

        var message = error.ToString();
        Assert.Contains("Email:Port", message, StringComparison.Ordinal);
        Assert.Contains("Email:Password", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeopleWaitingOnTheSite_SenderSendsOneAndHoldsTheRest_ThenCatchesUpWhenQuiet()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        var load = new SwitchableLoad { PeopleWaiting = true };
        await using var site = EmailSite.For(smtp)
            .With("Email:Outbox:PauseWhileBusy", "01:00:00")
            .WithServices(services => services.AddSingleton<ISiteLoad>(load));

        await site.WithDbAsync(async db =>
        {
            var templates = site.Services.GetRequiredService<EmailTemplates>();
            foreach (var to in new[] { "first.in.line@example.ac.uk", "second.in.line@example.ac.uk", "third.in.line@example.ac.uk" })
            {
                db.EnqueueEmail(new EmailMessage(to, templates.ThankYou(EmailSite.SampleThankYou), EmailTemplates.ThankYouKind));
            }

            return await db.SaveChangesAsync();
        });

        // One goes out; then the sender gives way for as long as people are waiting (here, an hour).
        await smtp.WaitForMessageAsync(m => m.IsTo("first.in.line@example.ac.uk"));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Single(smtp.Received);

        load.PeopleWaiting = false;
        await smtp.WaitForMessageAsync(m => m.IsTo("third.in.line@example.ac.uk"));
        Assert.Equal(3, smtp.Received.Count);
        await Eventually.TrueAsync(async () => await site.WithDbAsync(db => db.OutboxMessages.AllAsync(m => m.Status == OutboxStatus.Sent)));
        Assert.All(await site.WithDbAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync()), m => Assert.Equal(1, m.Attempts));
    }

    [Fact]
    public async Task ServerGoesDownMidBatch_TheMessagesNotYetTried_AreReleasedUncounted()
    {
        await using var smtp = SmtpTestServer.Create(); // never started: nothing answers
        await using var site = EmailSite.For(smtp).With("Email:Outbox:FirstRetryDelay", "01:00:00").With("Email:Outbox:MaxRetryDelay", "01:00:00");

        var rows = new List<OutboxMessage>();
        await site.WithDbAsync(async db =>
        {
            var templates = site.Services.GetRequiredService<EmailTemplates>();
            foreach (var to in new[] { "first.of.three@example.ac.uk", "second.of.three@example.ac.uk", "third.of.three@example.ac.uk" })
            {
                rows.Add(db.EnqueueEmail(new EmailMessage(to, templates.ThankYou(EmailSite.SampleThankYou), EmailTemplates.ThankYouKind)));
            }

            return await db.SaveChangesAsync();
        });

        // The first attempt meets a dead server, so the sender stops the batch: the other two were claimed
        // with it, and are handed back at once with their attempt uncounted, not left until the lease lapses.
        await Eventually.TrueAsync(async () => (await site.ReadOutboxAsync(rows[0].Id)).Attempts == 1 && (await site.ReadOutboxAsync(rows[0].Id)).Status == OutboxStatus.Pending);
        await Eventually.TrueAsync(async () =>
        {
            var rest = await site.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Id != rows[0].Id).ToListAsync());
            return rest.All(m => m is { Status: OutboxStatus.Pending, Attempts: 0, LeaseExpiresAt: null });
        }, what: "the untried messages released");
    }

    private sealed class SwitchableLoad : ISiteLoad
    {
        public bool PeopleWaiting { get; set; }
    }
}
