using System.Net;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Pages.Cases;

/// <summary>
/// Every route under /cases, found from the app's own endpoints (so a new one is checked too), with every
/// handler, for each kind of visitor who must not see a case: redirected to sign in, 403 or 404, and never
/// the report's content.
/// </summary>
public class CaseIsolationTests(SiteFactory factory) : IClassFixture<SiteFactory>
{
    private static readonly string[] Handlers = ["", "?handler=assign", "?handler=reply", "?handler=note", "?handler=close", "?handler=reopen"];

    private IReadOnlyList<string> CaseRoutes(Guid id)
    {
        _ = factory.CreateClient();
        return factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(t => t.Equals("/cases", StringComparison.OrdinalIgnoreCase) || t.StartsWith("/cases/", StringComparison.OrdinalIgnoreCase))
            .Distinct()
            .Select(t => t.Replace("{id:guid}", id.ToString("D"), StringComparison.Ordinal))
            .ToList();
    }

    private async Task<(Guid Id, string Marker)> AssignedCaseAsync(TestUser adviser)
    {
        var marker = "isolation-marker-" + Guid.NewGuid().ToString("N");
        await factory.CreateBrowserLikeClient().ReportAnonymouslyAsync(marker);
        var id = await factory.LatestReportIdAsync();
        var (_, manager) = await factory.StaffAsync(StaffRoles.CaseManager);
        using var assigned = await manager.SubmitAsync(await ReportTestSupport.FormAsync(manager, "/cases/" + id, "assign"), [new("Assign.AdviserId", adviser.Id)]);
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        return (id, marker);
    }

    public static TheoryData<string> Visitors() => new("anonymous", "moderator", "admin", "other-adviser", "case-manager");

    [Theory]
    [MemberData(nameof(Visitors))]
    public async Task EveryCaseRoute_NeverShowsTheReport_ToAnyoneButItsAdviser(string visitor)
    {
        var (adviser, adviserClient) = await factory.StaffAsync(StaffRoles.Adviser);
        var (id, marker) = await AssignedCaseAsync(adviser);
        var routes = CaseRoutes(id);
        Assert.Contains("/cases", routes);
        Assert.Contains("/cases/" + id, routes);
        Assert.Contains("/cases/statistics", routes);

        var client = visitor switch
        {
            "anonymous" => factory.CreateBrowserLikeClient(),
            "moderator" => (await factory.StaffAsync(StaffRoles.Moderator)).Client,
            "admin" => (await factory.StaffAsync(StaffRoles.Admin)).Client,
            "other-adviser" => (await factory.StaffAsync(StaffRoles.Adviser)).Client,
            _ => (await factory.StaffAsync(StaffRoles.CaseManager)).Client,
        };

        foreach (var route in routes)
        {
            foreach (var handler in Handlers)
            {
                foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
                {
                    if (method == HttpMethod.Get && handler.Length > 0)
                    {
                        continue;
                    }

                    using var request = new HttpRequestMessage(method, route + handler);
                    if (method == HttpMethod.Post)
                    {
                        request.Content = new FormUrlEncodedContent([new("Reply.Text", "hostile"), new("Note.Text", "hostile"), new("Assign.AdviserId", "x")]);
                    }

                    using var response = await client.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    Assert.DoesNotContain(marker, body, StringComparison.Ordinal);
                    var status = response.StatusCode;
                    var expected = visitor switch
                    {
                        "anonymous" => status == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/account/login",
                        "moderator" or "admin" => status == HttpStatusCode.Forbidden,
                        // Posts without a valid antiforgery token are refused (400) before any handler runs.
                        "other-adviser" => route == "/cases" ? status is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.MethodNotAllowed
                            : route == "/cases/statistics" ? status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed
                            : status is HttpStatusCode.NotFound or HttpStatusCode.BadRequest,
                        _ => status is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound,
                    };
                    Assert.True(expected, $"{visitor}: {method} {route}{handler} answered {(int)status}");
                }
            }
        }

        // The assigned adviser does see it.
        var own = await adviserClient.GetHtmlAsync("/cases/" + id);
        Assert.Contains(marker, own.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherAdviser_WithAValidForm_Gets404_ForEveryHandler()
    {
        var (adviser, _) = await factory.StaffAsync(StaffRoles.Adviser);
        var (id, marker) = await AssignedCaseAsync(adviser);
        var (_, other) = await factory.StaffAsync(StaffRoles.Adviser);
        // A real antiforgery token for this visitor, from a page they may open.
        var token = (await other.GetHtmlAsync("/account/change-password")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using (var get = await other.GetAsync("/cases/" + id))
        {
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        }

        foreach (var handler in new[] { "assign", "reply", "note", "close", "reopen" })
        {
            using var post = await other.PostAsync($"/cases/{id}?handler={handler}", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Reply.Text", "x"), new("Note.Text", "x"), new("Assign.AdviserId", adviser.Id)]));
            Assert.True(post.StatusCode == HttpStatusCode.NotFound, $"{handler} answered {(int)post.StatusCode}");
            Assert.DoesNotContain(marker, await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var queue = await other.GetHtmlAsync("/cases");
        Assert.DoesNotContain(queue.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/cases/" + id);

        // Statistics are for Case managers: an Adviser who is not one gets 404, as for a case not theirs.
        using var statistics = await other.GetAsync("/cases/statistics");
        Assert.Equal(HttpStatusCode.NotFound, statistics.StatusCode);
    }
}
