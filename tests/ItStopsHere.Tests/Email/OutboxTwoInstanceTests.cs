using System.Globalization;
using System.Text.RegularExpressions;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Tests.Email;

/// <summary>
/// Two instances sending from one PostgreSQL outbox (issue 14): each claims its batch <c>FOR UPDATE SKIP LOCKED</c>,
/// so both send and each email goes once, to the real SMTP test server.
/// </summary>
[Trait("Provider", "PostgreSqlOnly")]
public sealed partial class OutboxTwoInstanceTests : IAsyncLifetime
{
    private const int Messages = 40;
    private readonly string _databasePath = SiteFactory.NewDatabasePath();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SiteFactory.DeleteDatabase(_databasePath);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TwoInstancesSendingOneOutbox_BothSend_AndEachEmailArrivesOnce()
    {
        Assert.True(TestDatabase.IsPostgreSql, $"Run with {TestDatabase.ProviderVariable}=PostgreSQL (tests/test.sh does).");
        await using var smtp = await SmtpTestServer.StartNewAsync();
        // Small batches and a short poll: the instance not woken by the enqueue finds the mail by polling.
        await using var a = Sender(EmailSite.For(smtp, _databasePath));
        await using var b = Sender(EmailSite.For(smtp, _databasePath));
        _ = b.Services;

        // The server answers nobody until both instances are in the middle of a batch of their own.
        smtp.HoldAcceptance();
        // All in one commit, so the first instance to look finds a full batch, not one message.
        var templates = a.Services.GetRequiredService<EmailTemplates>();
        var ids = await a.WithDbAsync(async db =>
        {
            var rows = Enumerable.Range(0, Messages)
                .Select(i => db.EnqueueEmail(new EmailMessage($"signer{i}@example.ac.uk", templates.ThankYou(EmailSite.SampleThankYou), EmailTemplates.ThankYouKind, "Alex Quinn", $"signature:{i}")))
                .ToList();
            await db.SaveChangesAsync();
            return rows.Select(r => r.Id).ToList();
        });

        await Eventually.TrueAsync(
            async () => await a.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sending)) >= 4,
            TimeSpan.FromMinutes(1), "both instances to claim a batch (2 each at most, one of them at the server)");
        smtp.ReleaseAcceptance();

        await Eventually.TrueAsync(
            async () => await a.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent)) == Messages,
            TimeSpan.FromMinutes(2), "every email to be sent");

        for (var i = 0; i < Messages; i++)
        {
            Assert.Single(smtp.Received, m => m.IsTo($"signer{i}@example.ac.uk"));
        }

        Assert.Equal(Messages, smtp.Received.Count);
        // Each instance logs a delivery just after recording it.
        await Eventually.TrueAsync(() => Delivered(a).Count + Delivered(b).Count >= Messages, what: "every delivery to be logged");
        var byA = Delivered(a);
        var byB = Delivered(b);
        Assert.NotEmpty(byA);
        Assert.NotEmpty(byB);
        Assert.Empty(byA.Intersect(byB));
        Assert.Equal(ids.Order(), byA.Concat(byB).Order());
        Assert.All(await a.WithDbAsync(db => db.OutboxMessages.Select(m => m.Attempts).ToListAsync()), attempts => Assert.Equal(1, attempts));
    }

    private static SiteFactory Sender(SiteFactory site) => site
        .With("Email:Outbox:PollInterval", "00:00:00.100")
        .With("Email:Outbox:BatchSize", "2");

    /// <summary>The outbox ids this instance logged as delivered.</summary>
    private static List<long> Delivered(SiteFactory site) => site.Logs.Lines
        .Select(l => DeliveredLine().Match(l))
        .Where(m => m.Success)
        .Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
        .ToList();

    [GeneratedRegex(@"\] Email (\d+) \([^)]*\) delivered to ")]
    private static partial Regex DeliveredLine();
}
