using System.Net;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Reporting;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Tests.Pages.Report;

/// <summary>The anonymous and named routes over HTTP, against the real app and database.</summary>
public class ReportFlowTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Anonymous_SubmitCodeFollowUpAdviserReplyAndDelete()
    {
        var reporter = factory.CreateBrowserLikeClient();
        var story = "Flow test story " + Guid.NewGuid().ToString("N");
        var code = await reporter.ReportAnonymouslyAsync(story);

        // The code is kept here only for this page; leaving forgets it.
        using (var kept = await reporter.SubmitAsync(await ReportTestSupport.FormAsync(reporter, "/report/code"), []))
        {
            Assert.Equal("/report/follow-up", kept.Headers.Location!.OriginalString);
        }

        // A fresh browser with the code opens the conversation.
        var later = factory.CreateBrowserLikeClient();
        using (var opened = await later.EnterCodeAsync(code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)))
        {
            Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        }

        var conversation = await later.GetHtmlAsync("/report/follow-up");
        Assert.Equal("Your report", conversation.QuerySelector("h1").Text());
        using (var wrote = await later.SubmitAsync(await ReportTestSupport.FormAsync(later, "/report/follow-up", "reply"), [new("Reply.Text", "A question from the reporter")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, wrote.StatusCode);
        }

        // A case manager assigns it; the adviser reads it and replies.
        var id = await factory.LatestReportIdAsync();
        var (_, manager) = await factory.StaffAsync(StaffRoles.CaseManager);
        var (adviser, adviserClient) = await factory.StaffAsync(StaffRoles.Adviser);
        var queue = await manager.GetHtmlAsync("/cases");
        Assert.Contains(queue.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/cases/" + id);
        Assert.DoesNotContain(story, queue.Body!.TextContent, StringComparison.Ordinal);
        var managerCase = await manager.GetHtmlAsync("/cases/" + id);
        Assert.DoesNotContain(story, managerCase.Body!.TextContent, StringComparison.Ordinal);
        using (var assigned = await manager.SubmitAsync(await ReportTestSupport.FormAsync(manager, "/cases/" + id, "assign"), [new("Assign.AdviserId", adviser.Id)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        }

        var casePage = await adviserClient.GetHtmlAsync("/cases/" + id);
        Assert.Contains(story, casePage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("A question from the reporter", casePage.Body!.TextContent, StringComparison.Ordinal);
        using (var replied = await adviserClient.SubmitAsync(await ReportTestSupport.FormAsync(adviserClient, "/cases/" + id, "reply"), [new("Reply.Text", "Hello from your adviser")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        }

        using (var noted = await adviserClient.SubmitAsync(await ReportTestSupport.FormAsync(adviserClient, "/cases/" + id, "note"), [new("Note.Text", "Private adviser note")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, noted.StatusCode);
        }

        // The reporter sees the reply, never the note.
        var withReply = await later.GetHtmlAsync("/report/follow-up");
        Assert.Contains("Hello from your adviser", withReply.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Private adviser note", withReply.Body!.TextContent, StringComparison.Ordinal);

        // Every step is audited with the case id and no content.
        var audit = await factory.AuditFor(id.ToString("D"));
        Assert.Contains(audit, e => e.Action == "report.received");
        Assert.Contains(audit, e => e.Action == "case.assigned");
        Assert.Contains(audit, e => e.Action == "case.opened");
        Assert.Contains(audit, e => e.Action == "case.replied");
        Assert.Contains(audit, e => e.Action == "case.note-added");
        Assert.All(audit, e => Assert.DoesNotContain("adviser", e.Details ?? "", StringComparison.OrdinalIgnoreCase));

        // Delete: the report, its key and messages go; the code opens nothing; the browser is told to clear.
        using (var deleted = await later.SubmitAsync(await ReportTestSupport.FormAsync(later, "/report/follow-up/delete"), []))
        {
            Assert.Equal("/report/deleted", deleted.Headers.Location!.OriginalString);
        }

        using (var gone = await later.GetAsync("/report/deleted"))
        {
            Assert.Equal("\"cache\", \"cookies\", \"storage\"", gone.Headers.GetValues("Clear-Site-Data").Single());
        }

        Assert.False(await factory.WithDbAsync(db => db.Reports.AnyAsync(r => r.Id == id)));
        Assert.False(await factory.WithDbAsync(db => db.ReportKeys.AnyAsync(k => k.ReportId == id)));
        Assert.False(await factory.WithDbAsync(db => db.ReportMessages.AnyAsync(m => m.ReportId == id)));
        using var again = await factory.CreateBrowserLikeClient().EnterCodeAsync(code);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        using var caseGone = await adviserClient.GetAsync("/cases/" + id);
        Assert.Equal(HttpStatusCode.NotFound, caseGone.StatusCode);
    }

    [Fact]
    public async Task Named_SendsAConfirmationLinkThatOpensTheReport_AndEmailsCarryNoContent()
    {
        var (_, _) = await factory.StaffAsync(StaffRoles.CaseManager);
        var client = factory.CreateBrowserLikeClient();
        var story = "Named story " + Guid.NewGuid().ToString("N");
        var answers = ReportTestSupport.Answers(story);
        answers["Input.Name"] = "Alex Fictional";
        answers["Input.Email"] = "alex.fictional@example.ac.uk";
        answers["Input.PreferredContact"] = "email";
        using (var posted = await client.SubmitAsync(await ReportTestSupport.FormAsync(client, "/report/new?route=named"), answers))
        {
            Assert.Equal("/report/sent", posted.Headers.Location!.OriginalString);
        }

        // The outbox writes each email to the mail folder (and then forgets its body): read them there.
        string[] Mails() => Directory.Exists(factory.MailFolder)
            ? Directory.GetFiles(factory.MailFolder, "*.eml").Select(File.ReadAllText).ToArray()
            : [];
        await Eventually.TrueAsync(() => Mails().Any(m => m.Contains("report/follow-up?token=", StringComparison.Ordinal)) && Mails().Any(m => m.Contains("A new report is waiting", StringComparison.Ordinal)), what: "the report emails");
        var mails = Mails();
        Assert.All(mails, m => Assert.DoesNotContain(story, m, StringComparison.Ordinal));
        Assert.All(mails, m => Assert.DoesNotContain("Words, jokes", m, StringComparison.Ordinal));
        var confirmation = mails.Single(m => m.Contains("report/follow-up?token=", StringComparison.Ordinal));
        var link = System.Text.RegularExpressions.Regex.Match(confirmation.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal), @"/report/follow-up\?token=[A-Za-z0-9_-]{43}").Value;
        Assert.NotEmpty(link);
        var reader = factory.CreateBrowserLikeClient();
        using (var opened = await reader.GetAsync(link))
        {
            Assert.Equal("/report/follow-up", opened.Headers.Location!.OriginalString);
        }

        Assert.Equal("Your report", (await reader.GetHtmlAsync("/report/follow-up")).QuerySelector("h1").Text());
        Assert.False(await factory.WithDbAsync(db => db.Reports.AnyAsync(r => r.ContactTokenHash == link)));
    }

    [Fact]
    public async Task NotSafe_LeadsStraightToTheEmergencyNumbers()
    {
        var client = factory.CreateBrowserLikeClient();
        using var posted = await client.SubmitAsync(await ReportTestSupport.FormAsync(client, "/report/start?route=anonymous"), [new("Input.SafeNow", "no")]);
        Assert.Equal("/report/safety?route=anonymous", posted.Headers.Location!.OriginalString);

        var page = await client.GetHtmlAsync("/report/safety?route=anonymous");
        var emergency = page.QuerySelector(".report-emergency")!;
        Assert.Contains(emergency.QuerySelectorAll("a"), a => a.GetAttribute("href") == "tel:999");
        Assert.Contains(emergency.QuerySelectorAll("a"), a => a.GetAttribute("href") == "tel:08085002222");
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/report/new?route=anonymous&safe=no");
    }

    [Fact]
    public async Task EmptyForm_Answers400_WithAnErrorSummaryLinkedToEachQuestion()
    {
        var client = factory.CreateBrowserLikeClient();
        using var posted = await client.SubmitAsync(await ReportTestSupport.FormAsync(client, "/report/new?route=named"), []);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var page = await posted.ReadHtmlAsync();
        var links = page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")!).ToList();
        // A question answered by choosing links to its first option, as on every form (the shared form kit).
        Assert.Contains($"#Input_SafeNow-{ReportChoices.Safety[0].Code}", links);
        Assert.Contains($"#Input_Categories-{ReportChoices.Categories[0].Code}", links);
        Assert.Contains("#Input_Email", links);
        Assert.All(links, href => Assert.NotNull(page.GetElementById(href[1..])));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Reports.CountAsync(r => r.Route == ReportRoute.Named && r.Categories == "")));
    }

    [Fact]
    public async Task EveryReportPage_IsNeverStored_AndFormsTurnOffAutocomplete()
    {
        var client = factory.CreateBrowserLikeClient();
        foreach (var path in new[] { "/report", "/report/start?route=anonymous", "/report/safety?route=named", "/report/new?route=anonymous", "/report/new?route=named", "/report/follow-up", "/report/left", "/report/deleted", "/report/sent" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore, $"{path} may be stored");
            var page = await response.ReadHtmlAsync();
            Assert.All(page.QuerySelectorAll("main form[method=post]"), form => Assert.Equal("off", form.GetAttribute("autocomplete") ?? (form.QuerySelector("textarea,input[type=text]") is null ? "off" : null)));
        }

        using var left = await client.GetAsync("/report/left");
        Assert.Equal("\"cache\", \"cookies\", \"storage\"", left.Headers.GetValues("Clear-Site-Data").Single());
    }
}
