using ItStopsHere.BrowserTests.Support;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.BrowserTests.Pages.Report;

/// <summary>
/// A site with reporting on (and its public summary), sending its emails to a real SMTP server on
/// loopback (the server tests' <see cref="SmtpTestServer"/>), for the report and case browser tests.
/// </summary>
public sealed class ReportSiteFixture : IAsyncLifetime
{
    public SmtpTestServer Smtp { get; } = SmtpTestServer.Create();

    public KestrelSiteFactory Site { get; } = new();

    public async Task InitializeAsync()
    {
        await Smtp.StartAsync();
        Site.With("Reporting:Enabled", "true")
            .With("Reporting:PublicSummary", "true")
            .With("Reporting:ReportsPerHourPerClient", "1000")
            // Every browser is on loopback: one client to the code throttle. The throttle has its own tests.
            .With("Reporting:WrongCodesBeforeDelay", "100")
            .With("Email:FromAddress", "report@itstopshere.example.ac.uk")
            .With("Email:Outbox:PollInterval", "00:00:01");
        foreach (var (key, value) in Smtp.AppSettings)
        {
            Site.With(key, value);
        }

        Site.Start();
    }

    public async Task<Guid> LatestReportIdAsync()
    {
        await using var scope = Site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Reports.OrderByDescending(r => r.CreatedAt).Select(r => r.Id).FirstAsync();
    }

    public async Task DisposeAsync()
    {
        await Site.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
