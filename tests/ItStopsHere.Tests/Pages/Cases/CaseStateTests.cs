using System.Net;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Tests.Pages.Cases;

/// <summary>Closing and reopening a case: by staff (the Reopen button) and by the reporter writing again.</summary>
public class CaseStateTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private async Task<(Guid Id, string Code, HttpClient Manager, TestUser Adviser, HttpClient AdviserClient)> AssignedCaseAsync()
    {
        var code = await factory.CreateBrowserLikeClient().ReportAnonymouslyAsync("State test " + Guid.NewGuid().ToString("N"));
        var id = await factory.LatestReportIdAsync();
        var (_, manager) = await factory.StaffAsync(StaffRoles.CaseManager);
        var (adviser, adviserClient) = await factory.StaffAsync(StaffRoles.Adviser);
        using var assigned = await manager.SubmitAsync(await ReportTestSupport.FormAsync(manager, "/cases/" + id, "assign"), [new("Assign.AdviserId", adviser.Id)]);
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        return (id, code, manager, adviser, adviserClient);
    }

    private Task<ReportState> StateAsync(Guid id) => factory.WithDbAsync(db => db.Reports.Where(r => r.Id == id).Select(r => r.State).SingleAsync());

    private static async Task CloseAsync(HttpClient client, Guid id)
    {
        using var closed = await client.SubmitAsync(await ReportTestSupport.FormAsync(client, "/cases/" + id, "close"), []);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
    }

    [Theory]
    [InlineData("manager")]
    [InlineData("adviser")]
    public async Task ClosedCase_HasAReopenButton_ForItsManagerAndAdviser_AndReopeningIsAudited(string who)
    {
        var (id, _, manager, _, adviserClient) = await AssignedCaseAsync();
        var client = who == "manager" ? manager : adviserClient;
        await CloseAsync(client, id);
        Assert.Equal(ReportState.Closed, await StateAsync(id));

        var page = await client.GetHtmlAsync("/cases/" + id);
        Assert.Null(page.QuerySelector("form[action*='handler=close']"));
        using (var reopened = await client.SubmitAsync(await ReportTestSupport.FormAsync(client, "/cases/" + id, "reopen"), []))
        {
            Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        }

        Assert.Equal(ReportState.InProgress, await StateAsync(id));
        Assert.Null(await factory.WithDbAsync(db => db.Reports.Where(r => r.Id == id).Select(r => r.ClosedAt).SingleAsync()));
        var after = await client.GetHtmlAsync("/cases/" + id);
        Assert.Contains("The case is open again.", after.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("form[action*='handler=reopen']"));
        Assert.NotNull(after.QuerySelector("form[action*='handler=close']"));
        var audit = await factory.AuditFor(id.ToString("D"));
        Assert.Contains(audit, e => e.Action == AuditActions.CaseStateChanged && e.Details!.Contains("Closed → InProgress (reopened by staff)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reopen_ByAnotherAdviser_Is404_AndAnOpenCaseCannotBeReopened()
    {
        var (id, _, manager, _, _) = await AssignedCaseAsync();
        using (var notClosed = await manager.SubmitAsync(await ReportTestSupport.FormAsync(manager, "/cases/" + id, "close"), []))
        {
            Assert.Equal(HttpStatusCode.Redirect, notClosed.StatusCode);
        }

        var form = await ReportTestSupport.FormAsync(manager, "/cases/" + id, "reopen");
        using (var first = await manager.SubmitAsync(form, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        // The same button again, from the stale page: the case is open, so nothing to do.
        using (var again = await manager.SubmitAsync(form, []))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            Assert.Contains("nothing to reopen", (await again.ReadHtmlAsync()).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        }

        await CloseAsync(manager, id);
        var (_, other) = await factory.StaffAsync(StaffRoles.Adviser);
        var token = (await other.GetHtmlAsync("/account/change-password")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var refused = await other.PostAsync($"/cases/{id}?handler=reopen", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(ReportState.Closed, await StateAsync(id));
    }

    [Fact]
    public async Task ReporterWritingAgain_ReopensAClosedCase_AndTheAdviserIsToldSomethingIsWaiting()
    {
        var (id, code, _, _, adviserClient) = await AssignedCaseAsync();
        await CloseAsync(adviserClient, id);
        Assert.Equal(ReportState.Closed, await StateAsync(id));

        var reporter = factory.CreateBrowserLikeClient();
        using (var opened = await reporter.EnterCodeAsync(code))
        {
            Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        }

        using (var wrote = await reporter.SubmitAsync(await ReportTestSupport.FormAsync(reporter, "/report/follow-up", "reply"), [new("Reply.Text", "Something else has happened")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, wrote.StatusCode);
        }

        Assert.Equal(ReportState.InProgress, await StateAsync(id));
        var report = await factory.WithDbAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Null(report.ClosedAt);
        Assert.True(report.AwaitingReply);
        var queue = await adviserClient.GetHtmlAsync("/cases");
        var row = queue.QuerySelectorAll("tr").Single(r => r.QuerySelector($"a[href='/cases/{id}']") is not null);
        Assert.Contains("In progress", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("unanswered message", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(await factory.AuditFor(id.ToString("D")), e => e.Action == AuditActions.ReportReporterWrote && e.Details == "The case was closed and is reopened.");
    }
}
