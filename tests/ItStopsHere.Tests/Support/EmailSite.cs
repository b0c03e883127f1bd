using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Support;

/// <summary>Sites wired to a test SMTP server, and a way to put a real thank-you message in their outbox.</summary>
public static class EmailSite
{
    public const string SiteUrl = "https://itstopshere.example.ac.uk";
    public const string FromAddress = "pledge@itstopshere.example.ac.uk";
    public const string ContactAddress = "team@itstopshere.example.ac.uk";

    /// <summary>
    /// A site sending to <paramref name="smtp"/>, with short back-off so retries happen within a test,
    /// and a poll interval of an hour so anything sent promptly was woken by the enqueue's signal.
    /// </summary>
    public static SiteFactory For(SmtpTestServer? smtp, string? databasePath = null)
    {
        var site = databasePath is null ? new SiteFactory() : SiteFactory.OnDatabase(databasePath);
        site.With("Campaign:SiteUrl", SiteUrl)
            .With("Campaign:ContactEmail", ContactAddress)
            .With("Email:FromAddress", FromAddress)
            .With("Email:Timeout", "00:00:20")
            .With("Email:Outbox:FirstRetryDelay", "00:00:00.050")
            .With("Email:Outbox:MaxRetryDelay", "00:00:00.200")
            .With("Email:Outbox:PollInterval", "01:00:00");
        foreach (var (key, value) in smtp?.AppSettings ?? [])
        {
            site.With(key, value);
        }

        return site;
    }

    public static ThankYouEmail SampleThankYou { get; } = new(
        "Alex Q.",
        1089,
        ["Report and support", "Be an active bystander"],
        SiteUrl + "/pledge/manage?token=abc123DEF456ghi789JKL012mno345PQR678stu901");

    /// <summary>Composes a thank-you with the site's own templates and commits it to the outbox.</summary>
    public static Task<OutboxMessage> EnqueueThankYouAsync(this SiteFactory site, string to, Action<OutboxMessage>? adjust = null) =>
        site.WithDbAsync(async db =>
        {
            var templates = site.Services.GetRequiredService<EmailTemplates>();
            var row = db.EnqueueEmail(new EmailMessage(to, templates.ThankYou(SampleThankYou), EmailTemplates.ThankYouKind, "Alex Quinn", "signature:1089"));
            adjust?.Invoke(row);
            await db.SaveChangesAsync();
            return row;
        });

    public static Task<OutboxMessage> ReadOutboxAsync(this SiteFactory site, long id) =>
        site.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    /// <summary>The database file on its own, with no app (and so no sender) running on it.</summary>
    public static AppDbContext OpenDatabase(string databasePath) => TestDatabase.Context(databasePath);

    public static bool IsTo(this ReceivedEmail email, string address) =>
        email.EnvelopeTo.Contains(address, StringComparer.OrdinalIgnoreCase);
}
