using ItStopsHere.Tests.Support;
using Serilog.Events;
using Serilog.Parsing;

namespace ItStopsHere.Tests.Email;

/// <summary>No email address reaches a log line. Every <see cref="SiteFactory"/> checks this when it is
/// disposed; these tests make sure the check sees the app's logs and can fail.</summary>
public class LogPrivacyTests
{
    [Fact]
    public async Task SendingMailAndBrowsing_WithDetailedFrameworkLogging_LogsNoAddress()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        smtp.RejectRecipient("bounced.signer@example.ac.uk");
        await using var site = EmailSite.For(smtp)
            .With("Serilog:MinimumLevel:Default", "Verbose")
            .With("Serilog:MinimumLevel:Override:Microsoft", "Debug")
            .With("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore", "Debug");
        var client = site.CreateBrowserLikeClient();

        await site.EnqueueThankYouAsync("bounced.signer@example.ac.uk");
        await site.EnqueueThankYouAsync("happy.signer@example.ac.uk");
        await smtp.WaitForMessageAsync(m => m.IsTo("happy.signer@example.ac.uk"));
        using var page = await client.GetAsync("/privacy?email=query.string@example.ac.uk");
        // The sender logs its outcomes just after the server answers: wait for both.
        await Eventually.TrueAsync(() => site.Logs.Lines.Any(l => l.Contains("(pledge-thank-you) delivered to", StringComparison.Ordinal))
            && site.Logs.Lines.Any(l => l.Contains("(pledge-thank-you) could not be delivered", StringComparison.Ordinal)));

        var lines = site.Logs.Lines;
        Assert.Contains(lines, l => l.Contains("HTTP GET /privacy responded 200", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("[Debug]", StringComparison.Ordinal)); // the detailed levels really were on
        // The framework logs the full URL, query string and all; the address in it is hidden.
        Assert.Contains(lines, l => l.Contains("Request starting", StringComparison.Ordinal) && l.Contains("[address]", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("signer@", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, l => l.Contains("query.string", StringComparison.OrdinalIgnoreCase));
        site.Logs.AssertNoEmailAddresses();
    }

    [Fact]
    public void Guard_LogLineWithAnAddress_FailsWithoutRepeatingIt()
    {
        var logs = new CapturedLogs(reportLeaks: false);
        logs.Emit(new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null,
            new MessageTemplateParser().Parse("Sent to {Recipient}"),
            [new LogEventProperty("Recipient", new ScalarValue("leaky@example.ac.uk"))]));

        var error = Assert.Throws<InvalidOperationException>(logs.AssertNoEmailAddresses);

        Assert.DoesNotContain("leaky@", error.Message, StringComparison.Ordinal);
    }
}
